package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zeusmobile.sim.ProfileJson.Bounds;
import org.zeusmobile.sim.ProfileJson.Dimension;

/**
 * The governors the simulator models, each after its kernel source, and the constants a profile gives each:
 * the profile loader checks them (every constant present, in its unit, inside physical bounds) and the
 * governor classes read them by name.
 */
enum GovernorKind {
    SCHEDUTIL("schedutil", Role.CPU,
            p("headroom", Dimension.RATIO, 1, 4, "map_util_freq headroom"),
            p("period", Dimension.TIME, 1e-4, 1, "scheduler tick"),
            p("upRateLimit", Dimension.TIME, 0, 1, "rate limit"),
            p("downRateLimit", Dimension.TIME, 0, 1, "rate limit"),
            p("utilHalfLife", Dimension.TIME, 1e-3, 1, "PELT half-life")),
    WALT("walt", Role.CPU,
            p("window", Dimension.TIME, 1e-3, 1, "sched_ravg_window"),
            p("headroom", Dimension.RATIO, 1, 4, "walt_map_util_freq headroom"),
            p("hispeedLoad", Dimension.RATIO, 0, 1, "hispeed_load"),
            p("upRateLimit", Dimension.TIME, 0, 1, "rate limit"),
            p("downRateLimit", Dimension.TIME, 0, 1, "rate limit"),
            cluster("hispeedFrequency", Dimension.FREQUENCY, 0, 1e10, "hispeed_freq"),
            cluster("minFrequency", Dimension.FREQUENCY, 0, 1e10, "scaling_min_freq")),
    MSM_ADRENO_TZ("msm-adreno-tz", Role.GPU,
            p("callInterval", Dimension.TIME, 1e-4, 1, "KGSL governor call interval"),
            p("floor", Dimension.TIME, 0, 1, "FLOOR"),
            p("minBusy", Dimension.TIME, 0, 1, "MIN_BUSY"),
            p("ceiling", Dimension.TIME, 1e-3, 10, "CEILING"),
            p("idleTimer", Dimension.TIME, 1e-3, 10, "KGSL idle timer"),
            p("upThreshold", Dimension.RATIO, 0, 1, "busy fraction"),
            p("downThreshold", Dimension.RATIO, 0, 1, "busy fraction"),
            p("targetBusy", Dimension.RATIO, 0.01, 1, "busy fraction"),
            p("wakeFrequency", Dimension.FREQUENCY, 1e6, 1e10, "default_pwrlevel clock")),
    NVHOST_PODGOV("nvhost_podgov", Role.GPU,
            p("polling", Dimension.TIME, 1e-3, 1, "devfreq polling interval"),
            p("blockWindow", Dimension.TIME, 0, 1, "p_block_window"),
            p("loadMax", Dimension.RATIO, 0, 1, "p_load_max"),
            p("loadTarget", Dimension.RATIO, 0.01, 1, "p_load_target"),
            p("bias", Dimension.RATIO, 0, 10, "p_bias"),
            p("smooth", Dimension.RATIO, 0, 1000, "p_smooth"),
            p("damp", Dimension.RATIO, 0, 10, "p_damp")),
    BW_HWMON("bw_hwmon", Role.MEMORY,
            p("sample", Dimension.TIME, 1e-4, 1, "sample_ms"),
            p("window", Dimension.TIME, 1e-3, 10, "window_ms"),
            p("ioPercent", Dimension.RATIO, 0.01, 1, "io_percent"),
            p("histMemory", Dimension.RATIO, 0, 1000, "hist_memory windows"),
            p("hystLength", Dimension.RATIO, 0, 1000, "hyst_length windows"),
            p("hystTriggerCount", Dimension.RATIO, 0, 1000, "hyst_trigger_count"),
            p("idleLength", Dimension.RATIO, 0, 1000, "idle_length windows"),
            p("upThreshold", Dimension.RATIO, 0, 10, "up_thres"),
            p("upScale", Dimension.RATIO, 0, 100, "up_scale"),
            p("decayRate", Dimension.RATIO, 0, 1, "decay_rate"),
            p("idleBandwidth", Dimension.BANDWIDTH, 0, 1e13, "idle_mbps"),
            p("guardBand", Dimension.BANDWIDTH, 0, 1e13, "guard_band_mbps"),
            p("maxFrequency", Dimension.FREQUENCY, 1e6, 2e10, "max_freq"),
            list("zones", Dimension.BANDWIDTH, 0, 1e13, "mbps_zones")),
    TEGRA_ACTMON("actmon", Role.MEMORY,
            p("samplingPeriod", Dimension.TIME, 1e-4, 1, "ACTMON_SAMPLING_PERIOD"),
            p("averageWindow", Dimension.RATIO, 1, 1e6, "samples in the hardware moving average"),
            p("boostUpCoeff", Dimension.RATIO, 0, 100, "boost_up_coeff"),
            p("boostDownCoeff", Dimension.RATIO, 0, 1, "boost_down_coeff"),
            p("boostUpThreshold", Dimension.RATIO, 0.01, 1, "boost_up_threshold"),
            p("boostDownThreshold", Dimension.RATIO, 0, 1, "boost_down_threshold"),
            p("aboveWatermarkWindow", Dimension.RATIO, 1, 100, "consecutive samples"),
            p("belowWatermarkWindow", Dimension.RATIO, 1, 100, "consecutive samples"),
            p("boostStep", Dimension.FREQUENCY, 0, 1e10, "ACTMON_BOOST_FREQ_STEP"));

    /** Which domains a governor drives. */
    enum Role {
        CPU("cpu"), GPU("gpu"), MEMORY("memory");

        final String field;

        Role(String field) {
            this.field = field;
        }
    }

    /** One constant a governor reads: a quantity, one per CPU cluster, or a list. */
    static final class Param {
        final String name;
        final Dimension dimension;
        final Bounds bounds;
        final boolean perCluster;
        final boolean list;

        Param(String name, Dimension dimension, Bounds bounds, boolean perCluster, boolean list) {
            this.name = name;
            this.dimension = dimension;
            this.bounds = bounds;
            this.perCluster = perCluster;
            this.list = list;
        }
    }

    final String kernelName;
    final Role role;
    final List<Param> params;

    GovernorKind(String kernelName, Role role, Param... params) {
        this.kernelName = kernelName;
        this.role = role;
        List<Param> list = new ArrayList<>();
        Collections.addAll(list, params);
        this.params = Collections.unmodifiableList(list);
    }

    /** The kind of governor called {@code name} for {@code role}, or null. */
    static GovernorKind of(String name, Role role) {
        for (GovernorKind kind : values()) {
            if (kind.kernelName.equals(name) && kind.role == role) {
                return kind;
            }
        }
        return null;
    }

    static List<String> names(Role role) {
        List<String> names = new ArrayList<>();
        for (GovernorKind kind : values()) {
            if (kind.role == role) {
                names.add(kind.kernelName);
            }
        }
        return names;
    }

    private static Param p(String name, Dimension dimension, double min, double max, String what) {
        return new Param(name, dimension, new Bounds(min, max, what), false, false);
    }

    private static Param cluster(String name, Dimension dimension, double min, double max, String what) {
        return new Param(name, dimension, new Bounds(min, max, what), true, false);
    }

    private static Param list(String name, Dimension dimension, double min, double max, String what) {
        return new Param(name, dimension, new Bounds(min, max, what), false, true);
    }
}
