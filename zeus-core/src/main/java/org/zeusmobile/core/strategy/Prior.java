package org.zeusmobile.core.strategy;

import java.util.List;
import org.zeusmobile.core.device.Configuration;

/**
 * The hybrid strategy's warm start: ranked candidate configurations with predictions. A stored profile
 * is ready at once; a Bayesian-optimisation prior (zeus-bo) first asks for a few measurements.
 */
public interface Prior {

    /** A configuration the prior wants measured before it can rank, or null once it is ready. */
    Configuration nextProbe();

    /** The measurement of a probe returned by {@link #nextProbe()}. */
    void observe(Observation observation);

    /** Up to {@code limit} configurations, best first (lowest expected cost among those expected to meet the SLO). */
    List<Configuration> ranked(int limit);

    /** The prior's expectation for {@code configuration}, or null when it has none. */
    Prediction predict(Configuration configuration);
}
