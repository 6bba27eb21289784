package org.zeusmobile.android;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.Strategy;

/**
 * The optimizer's default strategy: the hybrid, warm-started from the imported profile when it was made on this
 * device for this model, else from a short Bayesian-optimisation run on the device (zeus-bo's strategy provider), as
 * the CLI's live optimisation does. Once the warm start is complete it is also the profile the app can export and ship.
 * Used on the optimizer's executor only.
 */
final class HybridWarmStart implements EnergyOptimizer.StrategyFactory {

    /** The traffic an in-app profile is measured under: the app's own requests. */
    static final String APP_TRACE = "app";

    private final Profile imported;
    private final String model;
    private final long seed;
    private String description = "not started";
    private final String deviceIdentity;
    private SearchSpace space;
    private Prior prior;
    private boolean fromImport;

    HybridWarmStart(String deviceIdentity, Profile imported, String model, long seed) {
        this.deviceIdentity = deviceIdentity;
        this.imported = imported;
        this.model = model;
        this.seed = seed;
    }

    @Override
    public Strategy create(SearchSpace searchSpace, Objective objective) {
        space = searchSpace;
        StrategyContext context = new StrategyContext(space, objective).seed(seed);
        String mismatch = imported == null ? "no profile was given" : imported.mismatch(deviceIdentity, model);
        Map<Configuration, Prediction> usable = new LinkedHashMap<>();
        if (mismatch == null) {
            for (Map.Entry<Configuration, Prediction> entry : imported.predictions().entrySet()) {
                if (space.contains(entry.getKey())) {
                    usable.put(entry.getKey(), entry.getValue());
                }
            }
            mismatch = usable.isEmpty() ? "no configuration of the profile holds the knobs this app fixes" : null;
        }
        fromImport = mismatch == null;
        if (fromImport) {
            context.prior(new ProfilePrior(usable, objective));
            description = "profile from " + imported.source();
        } else {
            description = "Bayesian optimisation on this device (" + mismatch + ")";
        }
        // Without a prior, zeus-bo's provider gives the hybrid a short BO run and keeps it in the context.
        Strategy hybrid = Strategies.create(Strategies.HYBRID, context);
        prior = context.prior();
        return hybrid;
    }

    /** Where the hybrid started from, and why. */
    String description() {
        return description;
    }

    /** The warm start as a profile of this device and model, or null while the BO still has samples to take. */
    Profile profile() {
        if (prior == null || prior.nextProbe() != null) {
            return null;
        }
        if (fromImport) {
            return imported;
        }
        return Profile.forDevice(deviceIdentity).model(model).trace(APP_TRACE)
                .source("hybrid's Bayesian-optimisation warm start in the app").predictionsOf(prior, space).build();
    }
}
