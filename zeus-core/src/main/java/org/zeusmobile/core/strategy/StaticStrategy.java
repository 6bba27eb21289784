package org.zeusmobile.core.strategy;

import org.zeusmobile.core.device.Configuration;

/**
 * Runs one configuration throughout: {@code default} (every knob to its governor), {@code max-performance}
 * (every knob at its maximum: race to idle) and fixed answers such as the oracle's.
 */
public final class StaticStrategy implements Strategy {

    private final String name;
    private final Configuration configuration;

    public StaticStrategy(String name, Configuration configuration) {
        if (configuration == null) {
            throw new IllegalArgumentException("strategy " + name + " needs a configuration");
        }
        this.name = name;
        this.configuration = configuration;
    }

    /**
     * The baseline: every knob left to the OS governor, batch at its smallest where batch is a knob of the space;
     * a knob the space holds at one value (the user fixed it) stays there.
     */
    public static StaticStrategy governed(SearchSpace space) {
        return new StaticStrategy(Strategies.DEFAULT, governedAtBatch(space, -1));
    }

    /**
     * {@code default-batched}: the governors untouched at batch {@code batch} (the largest that meets the SLO,
     * which the caller found by running).
     */
    public static StaticStrategy governedBatched(SearchSpace space, long batch) {
        return new StaticStrategy(Strategies.DEFAULT_BATCHED, governedAtBatch(space, batch));
    }

    /** Every knob governed except held (one-value) knobs and batch: {@code batch}, or its smallest when < 0. */
    public static Configuration governedAtBatch(SearchSpace space, long batch) {
        Configuration config = Configuration.governed();
        for (org.zeusmobile.core.device.Knob knob : space.knobs()) {
            if (knob.name().equals(org.zeusmobile.core.device.Knob.BATCH)) {
                config = config.with(knob.name(), batch < 0 ? knob.min() : batch);
            } else if (knob.size() == 1) {
                config = config.with(knob.name(), knob.min());
            }
        }
        return config;
    }

    /** Every frequency of the space at its maximum, batch at its minimum: race to idle, request by request. */
    public static StaticStrategy maxPerformance(SearchSpace space) {
        Configuration config = space.maximum();
        for (org.zeusmobile.core.device.Knob knob : space.knobs()) {
            if (knob.unit() != org.zeusmobile.core.device.Knob.Unit.HZ) {
                config = config.with(knob.name(), knob.min());
            }
        }
        return new StaticStrategy(Strategies.MAX_PERFORMANCE, config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Configuration next() {
        return configuration;
    }

    @Override
    public String reason() {
        return "static configuration";
    }

    @Override
    public void observe(Observation observation) {
        // A static strategy does not learn.
    }

    @Override
    public Configuration best() {
        return configuration;
    }
}
