package org.zeusmobile.store;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/**
 * What one device should start from, given every device's rows for a profile key. Per configuration, the
 * first of these that exists:
 * <ol>
 * <li>what the device itself measured there, shrunk towards the fleet's measurement by
 *     {@link #FLEET_WEIGHT_WINDOWS} windows' worth of weight: {@code (n_own m_own + k m_fleet) / (n_own + k)},
 *     {@code k = min(n_fleet, FLEET_WEIGHT_WINDOWS)}. A board that runs hotter or leaks more than the fleet
 *     soon speaks for itself (its own windows outweigh the fleet's after a few), and is not averaged away;</li>
 * <li>what the other devices measured there, pooled over their windows (weighted by evidence: a device
 *     with 100 windows there counts 100 times one with a single window);</li>
 * <li>the device's own model (its BO warm start's predictions);</li>
 * <li>the other devices' models, weighted by the samples behind each.</li>
 * </ol>
 * Energy, time per inference and p95 latency are pooled alike, as means over windows.
 */
final class FleetPrior {

    /** How many of its own windows a device needs before its measurement outweighs the fleet's. */
    static final int FLEET_WEIGHT_WINDOWS = 4;

    private FleetPrior() {
    }

    static StoredProfile assemble(String deviceId, List<ArmSums> arms, List<StoredPrediction> predictions) {
        Map<Configuration, ArmSums> own = new LinkedHashMap<>();
        Map<Configuration, ArmSums> fleet = new LinkedHashMap<>();
        Set<String> devices = new HashSet<>();
        long windows = 0;
        long ownWindows = 0;
        for (ArmSums arm : arms) {
            boolean mine = arm.deviceId.equals(deviceId);
            Map<Configuration, ArmSums> pool = mine ? own : fleet;
            ArmSums pooled = pool.get(arm.configuration);
            if (pooled == null) {
                pooled = new ArmSums(mine ? deviceId : "fleet", arm.configuration, arm.traffic);
                pool.put(arm.configuration, pooled);
            }
            pooled.add(arm);
            devices.add(arm.deviceId);
            windows += arm.windows;
            ownWindows += mine ? arm.windows : 0;
        }
        Map<Configuration, Prediction> ownModel = new LinkedHashMap<>();
        Map<Configuration, double[]> fleetModel = new LinkedHashMap<>(); // weighted sums: E, T, p95, weight
        Map<Configuration, Traffic> fleetTraffic = new LinkedHashMap<>();
        Set<String> sources = new TreeSet<>();
        for (StoredPrediction p : predictions) {
            devices.add(p.deviceId);
            sources.add(p.source);
            if (p.deviceId.equals(deviceId)) {
                ownModel.put(p.configuration, p.prediction);
            } else {
                double weight = Math.max(1, p.samples);
                double[] sums = fleetModel.computeIfAbsent(p.configuration, c -> new double[4]);
                fleetTraffic.putIfAbsent(p.configuration, p.prediction.traffic());
                sums[0] += weight * p.prediction.energyPerInferenceJ();
                sums[1] += weight * p.prediction.timePerInferenceS();
                sums[2] += weight * p.prediction.latencyP95S();
                sums[3] += weight;
            }
        }

        Map<Configuration, Prediction> result = new LinkedHashMap<>();
        Set<Configuration> all = new java.util.LinkedHashSet<>();
        all.addAll(own.keySet());
        all.addAll(fleet.keySet());
        all.addAll(ownModel.keySet());
        all.addAll(fleetModel.keySet());
        for (Configuration c : all) {
            ArmSums mine = own.get(c);
            ArmSums others = fleet.get(c);
            if (mine != null && others != null) {
                result.put(c, shrunk(mine, others));
            } else if (mine != null) {
                result.put(c, mine.mean());
            } else if (others != null) {
                result.put(c, others.mean());
            } else if (ownModel.containsKey(c)) {
                result.put(c, ownModel.get(c));
            } else {
                double[] s = fleetModel.get(c);
                result.put(c, new Prediction(s[0] / s[3], s[1] / s[3], s[2] / s[3], fleetTraffic.get(c)));
            }
        }
        devices.remove(deviceId);
        return new StoredProfile(result, devices.size(), windows, ownWindows, own.size(), fleet.size(),
                !ownModel.isEmpty(), sources);
    }

    private static Prediction shrunk(ArmSums own, ArmSums fleet) {
        double n = own.windows;
        double k = Math.min(fleet.windows, FLEET_WEIGHT_WINDOWS);
        Prediction o = own.mean();
        Prediction f = fleet.mean();
        return new Prediction((n * o.energyPerInferenceJ() + k * f.energyPerInferenceJ()) / (n + k),
                (n * o.timePerInferenceS() + k * f.timePerInferenceS()) / (n + k),
                (n * o.latencyP95S() + k * f.latencyP95S()) / (n + k), o.traffic());
    }
}
