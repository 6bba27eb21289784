package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * zeus-jit's profiling phase (Zeus NSDI'23, section 4.3, generalised from the power limit to several knobs):
 * one knob at a time from the base configuration, down from its current value then up, each value measured for
 * {@code warmupSteps} discarded windows and {@code profileSteps} averaged ones; a direction stops once the cost
 * has failed to improve on the knob's best {@code patience} times in a row (a value that misses the SLO counts
 * as a rise, unless it is still heading towards the SLO). The knob keeps its best value (the fastest while
 * none meets the SLO) and the next knob is swept; after the last knob the sweep starts over, up to
 * {@code passes} times, while the base still moves. Values profiled before are not measured again.
 */
final class JitSweep {

    /** Mean cost and p95 latency of one profiled configuration, with the windows they came from. */
    static final class Profile {
        final double cost;
        final double latencyP95S;
        final List<Observation> windows;

        Profile(double cost, double latencyP95S, List<Observation> windows) {
            this.cost = cost;
            this.latencyP95S = latencyP95S;
            this.windows = Collections.unmodifiableList(windows);
        }
    }

    private final SearchSpace space;
    private final Objective objective;
    private final ZeusJit.Options options;
    private final Map<Configuration, Profile> profiled = new LinkedHashMap<>();

    private Configuration base;
    private Configuration passStart;
    private int pass;
    private boolean done;
    private KnobCursor cursor;
    private final List<Observation> atValue = new ArrayList<>();
    private int stepsAtValue;

    JitSweep(SearchSpace space, Objective objective, Configuration start, ZeusJit.Options options) {
        this.space = space;
        this.objective = objective;
        this.options = options;
        space.indices(start); // validates
        this.base = start;
        this.passStart = start;
        this.cursor = new KnobCursor(0);
    }

    boolean done() {
        return done;
    }

    /** Every configuration profiled so far, in order. */
    Map<Configuration, Profile> profiled() {
        return Collections.unmodifiableMap(profiled);
    }

    /** The base configuration: every swept knob at its best value so far. */
    Configuration base() {
        return base;
    }

    /** The name of the knob the sweep is on. */
    String knobBeingSwept() {
        return cursor.current.name();
    }

    /** The configuration to measure next, or null once the sweep is done. Values profiled before are skipped. */
    Configuration next() {
        while (!done) {
            Configuration config = cursor.configuration();
            Profile known = profiled.get(config);
            if (known == null) {
                return config;
            }
            finishValue(known);
        }
        return null;
    }

    /** A window measured at {@link #next()}; any other configuration's window is ignored. */
    void observe(Observation observation) {
        if (done || !observation.configuration().equals(cursor.configuration())) {
            return;
        }
        stepsAtValue++;
        if (stepsAtValue <= options.warmupSteps) {
            return;
        }
        atValue.add(observation);
        if (atValue.size() < options.profileSteps) {
            return;
        }
        double cost = 0;
        double latency = 0;
        for (Observation o : atValue) {
            cost += o.cost(objective) / atValue.size();
            latency += o.latencyP95S() / atValue.size();
        }
        Profile profile = new Profile(cost, latency, new ArrayList<>(atValue));
        profiled.put(observation.configuration(), profile);
        finishValue(profile);
    }

    private void finishValue(Profile profile) {
        atValue.clear();
        stepsAtValue = 0;
        if (cursor.finish(profile)) {
            return;
        }
        base = cursor.choice();
        if (cursor.knob + 1 < space.dimensions()) {
            cursor = new KnobCursor(cursor.knob + 1);
        } else if (pass + 1 < options.passes && !base.equals(passStart)) {
            pass++;
            passStart = base;
            cursor = new KnobCursor(0);
        } else {
            done = true;
        }
    }

    /** Where the sweep of one knob stands. */
    private final class KnobCursor {
        final int knob;
        final Knob current;
        final int startIndex;
        int direction = -1;
        int valueIndex;
        int rises;
        double previousLatency = Double.NaN;
        double bestCost = Double.POSITIVE_INFINITY;
        long bestValue;
        double fastestLatency = Double.POSITIVE_INFINITY;
        long fastestValue;

        KnobCursor(int knob) {
            this.knob = knob;
            this.current = space.knobs().get(knob);
            this.startIndex = current.indexOf(base.get(current.name()));
            this.valueIndex = startIndex;
            this.bestValue = base.get(current.name());
            this.fastestValue = bestValue;
        }

        Configuration configuration() {
            return base.with(current.name(), current.value(valueIndex));
        }

        /** The base with this knob at its best value, or its fastest while none met the SLO. */
        Configuration choice() {
            return base.with(current.name(), Double.isInfinite(bestCost) ? fastestValue : bestValue);
        }

        /** Accounts the value just profiled; true while this knob has more values to profile. */
        boolean finish(Profile profile) {
            boolean feasible = objective.meetsSlo(profile.latencyP95S);
            if (profile.latencyP95S < fastestLatency) {
                fastestLatency = profile.latencyP95S;
                fastestValue = current.value(valueIndex);
            }
            if (feasible && profile.cost < bestCost) {
                bestCost = profile.cost;
                bestValue = current.value(valueIndex);
                rises = 0;
            } else if (feasible || Double.isNaN(previousLatency) || profile.latencyP95S >= previousLatency) {
                rises++; // dearer, or missing the SLO by more than the value before
            } else if (Double.isInfinite(bestCost)) {
                rises = 0; // still infeasible but heading towards the SLO: keep going
            } else {
                rises++;
            }
            previousLatency = profile.latencyP95S;
            int nextIndex = valueIndex + direction;
            if (rises < options.patience && nextIndex >= 0 && nextIndex < current.size()) {
                valueIndex = nextIndex;
                return true;
            }
            if (direction < 0 && startIndex + 1 < current.size()) {
                // From a middle setting: down first, then up.
                direction = 1;
                rises = 0;
                previousLatency = Double.NaN;
                valueIndex = startIndex + 1;
                return true;
            }
            return false;
        }
    }
}
