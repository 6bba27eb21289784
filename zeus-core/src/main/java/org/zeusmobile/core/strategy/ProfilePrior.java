package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/** A prior from a stored profile: measured (or modelled) predictions per configuration, ready at once. */
public final class ProfilePrior implements Prior {

    private final Map<Configuration, Prediction> predictions;
    private final List<Configuration> ranking;

    public ProfilePrior(Map<Configuration, Prediction> predictions, final Objective objective) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("a profile prior needs at least one profiled configuration");
        }
        this.predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        List<Configuration> sorted = new ArrayList<>(predictions.keySet());
        final Map<Configuration, Prediction> p = this.predictions;
        Collections.sort(sorted, new Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                Prediction pa = p.get(a);
                Prediction pb = p.get(b);
                boolean fa = objective.meetsSlo(pa.latencyP95S());
                boolean fb = objective.meetsSlo(pb.latencyP95S());
                if (fa != fb) {
                    return fa ? -1 : 1;
                }
                // Feasible ones by cost, infeasible ones by latency (closest to the SLO first).
                return fa ? Double.compare(pa.cost(objective), pb.cost(objective))
                        : Double.compare(pa.latencyP95S(), pb.latencyP95S());
            }
        });
        this.ranking = Collections.unmodifiableList(sorted);
    }

    public Map<Configuration, Prediction> predictions() {
        return predictions;
    }

    @Override
    public Configuration nextProbe() {
        return null;
    }

    @Override
    public void observe(Observation observation) {
        // A stored profile does not probe.
    }

    @Override
    public List<Configuration> ranked(int limit) {
        return new ArrayList<>(ranking.subList(0, Math.min(limit, ranking.size())));
    }

    @Override
    public Prediction predict(Configuration configuration) {
        return predictions.get(configuration);
    }
}
