package org.zeusmobile.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ranges {@link RandomSoc} draws a SoC's constants from, each with its unit (as the profile field is written)
 * and its source: the span of the built-in profiles (whose sources are cited there), widened where a source gives
 * a wider range.
 */
public final class RandomSocRanges {

    private RandomSocRanges() {
    }

    /** The interval a constant is drawn from, in the unit its profile field is written in, and why. */
    public static final class Range {
        public final String name;
        public final double min;
        public final double max;
        public final String unit;
        public final String source;

        Range(String name, double min, double max, String unit, String source) {
            this.name = name;
            this.min = min;
            this.max = max;
            this.unit = unit;
            this.source = source;
        }

        /** Whether {@code value} lies in the range. */
        public boolean contains(double value) {
            return value >= min - 1e-9 * Math.abs(min) && value <= max + 1e-9 * Math.abs(max);
        }
    }

    private static final Map<String, Range> RANGES = new LinkedHashMap<>();

    private static Range range(String name, double min, double max, String unit, String source) {
        Range range = new Range(name, min, max, unit, source);
        RANGES.put(name, range);
        return range;
    }

    static final String BUILT_IN = "span of the built-in profiles (snapdragon-8-gen-2, snapdragon-855, "
            + "jetson-orin-nano, jetson-tx2), whose sources are cited there";

    // What kind of device.
    static final double BOARD_SHARE = 0.25;
    static final Range BOARD = range("board", 0, 1, "1",
            "a draw below " + BOARD_SHARE + " makes an edge board, else a phone (phones are the main target)");

    // V/f: V(f) = Vmin + (Vmax - Vmin) x^curvature, x the OPP's place between the lowest and highest frequency.
    static final Range CURVATURE = range("vf.curvature", 1.0, 1.8, "1",
            "the CPU tables' x^1.3 and the Adreno 740 corners (x^1.5 to x^1.8) of the built-in profiles");
    static final Range LEAKAGE_CORNER = range("leakage.corner", 0.7, 1.6, "1",
            "process corner: leakage of one design varies up to 20x across dies (Borkar et al., Parameter "
                    + "variations and impact on circuits and microarchitecture, DAC 2003); kept to 0.7-1.6x the "
                    + "built-in estimates, the top end the 'more leakage' of issue 14's hot phone");
    static final Range LEAKAGE_PER_KELVIN = range("leakage.perKelvin", 0.023, 0.028, "1/K",
            "subthreshold leakage doubles every 25-30 K in FinFET nodes (Kim et al., IEEE Computer 2003): ln 2 / 30 "
                    + "to ln 2 / 25");
    static final Range STALL = range("stallActivity", 30, 40, "%",
            "about a third of the busy dynamic power while stalled on memory (built-in estimate 35%)");

    // Phone CPU clusters: little, big, prime (Cortex-A510/A55, A715/A76, X3/A76 prime in the built-ins).
    static final Range PHONE_CLUSTERS = range("phone.clusters", 2, 3, "1",
            "SM8550 and SM8150 have three frequency domains; two-domain phone SoCs (little + big) are common too");
    static final ClusterRanges LITTLE = new ClusterRanges("little", 3, 4, 300, 310, 1785.6, 2016, 16, 18,
            0.0696, 0.1, 40, 60, 1.5, 2.0, 4, 4, 5, 6, 8, 10);
    static final ClusterRanges BIG = new ClusterRanges("big", 2, 4, 499.2, 710.4, 2419.2, 2803.2, 17, 22,
            0.3834, 0.42, 45, 45, 4, 4, 10, 10, 12, 14, 12, 15);
    static final ClusterRanges PRIME = new ClusterRanges("prime", 1, 1, 595.2, 825.6, 2841.6, 3187.2, 20, 21,
            0.3709, 0.85, 50, 60, 4, 4, 10, 20, 14, 22, 8, 10);
    // Edge-board clusters (Cortex-A78AE, A57, Denver2 in the built-ins).
    static final Range BOARD_CLUSTERS = range("board.clusters", 1, 2, "1",
            "Orin Nano and TX2 have two CPU clusters; one-cluster boards (e.g. Raspberry Pi class) are common");
    static final ClusterRanges BOARD_CPU = new ClusterRanges("board", 2, 4, 115.2, 345.6, 1497.6, 2035.2,
            12, 19, 0.3, 0.45, 20, 40, 3, 4, 5, 10, 8, 12, 15, 20);
    static final Range CPU_VMIN = range("cpu.vmin", 0.56, 0.7, "V", BUILT_IN);
    static final Range CPU_VMAX = range("cpu.vmax", 0.8, 1.1, "V", BUILT_IN);
    static final Range CPU_LAUNCH = range("cpu.launchOverhead", 2, 5, "us",
            "per-operator dispatch in a CPU inference runtime is a few microseconds (built-in estimate 2 us)");

    // GPU.
    static final Range PHONE_GPU_OPPS = range("phone.gpu.opps", 5, 9, "1",
            "Adreno 640: 5 levels, Adreno 740: 8 (9 with the 719 MHz bin)");
    static final Range PHONE_GPU_FMIN = range("phone.gpu.fmin", 220, 257, "MHz", BUILT_IN);
    static final Range PHONE_GPU_FMAX = range("phone.gpu.fmax", 585, 719, "MHz",
            BUILT_IN + "; 719 MHz on some Adreno 740 bins (DESIGN.md section 5)");
    static final Range PHONE_GPU_C = range("phone.gpu.capacitance", 8, 9.5, "nF", BUILT_IN);
    static final Range PHONE_GPU_LEAK = range("phone.gpu.leakage", 250, 300, "mW", BUILT_IN);
    static final Range PHONE_GPU_FLOPS = range("phone.gpu.matmul", 500, 1000, "FLOP/cycle", BUILT_IN);
    static final Range PHONE_GPU_BW = range("phone.gpu.coreBandwidth", 30, 60, "GB/s", BUILT_IN);
    static final Range PHONE_GPU_LAUNCH = range("phone.gpu.launchOverhead", 10, 25, "us",
            BUILT_IN + "; OpenCL/Vulkan dispatch on Adreno costs 10-25 us per operator");
    static final Range BOARD_GPU_OPPS = range("board.gpu.opps", 8, 13, "1", BUILT_IN);
    static final Range BOARD_GPU_FMIN = range("board.gpu.fmin", 114.75, 306, "MHz", BUILT_IN);
    static final Range BOARD_GPU_FMAX = range("board.gpu.fmax", 1020, 1300.5, "MHz", BUILT_IN);
    static final Range BOARD_GPU_C = range("board.gpu.capacitance", 3.8, 6.5, "nF", BUILT_IN);
    static final Range BOARD_GPU_LEAK = range("board.gpu.leakage", 100, 250, "mW", BUILT_IN);
    static final Range BOARD_GPU_FLOPS = range("board.gpu.matmul", 350, 1400, "FLOP/cycle", BUILT_IN);
    static final Range BOARD_GPU_BW = range("board.gpu.coreBandwidth", 25, 60, "GB/s", BUILT_IN);
    static final Range BOARD_GPU_LAUNCH = range("board.gpu.launchOverhead", 8, 10, "us", BUILT_IN);
    static final Range GPU_VMIN = range("gpu.vmin", 0.58, 0.65, "V", BUILT_IN);
    static final Range GPU_VMAX = range("gpu.vmax", 0.84, 1.02, "V", BUILT_IN);
    static final Range GPU_IDLE = range("gpu.idlePower", 15, 40, "mW", BUILT_IN);

    // Memory: bandwidth = bytes per clock x clock; energy per byte and static power rise with the clock.
    static final Range PHONE_MEM_OPPS = range("phone.mem.opps", 7, 9, "1", BUILT_IN);
    static final Range PHONE_MEM_FMAX = range("phone.mem.fmax", 2092.8, 4224, "MHz",
            BUILT_IN + " (LPDDR4X-4266 to LPDDR5X-8533)");
    static final Range BOARD_MEM_OPPS = range("board.mem.opps", 3, 8, "1", BUILT_IN);
    static final Range BOARD_MEM_FMIN = range("board.mem.fmin", 204, 665.6, "MHz", BUILT_IN);
    static final Range BOARD_MEM_FMAX = range("board.mem.fmax", 1866, 3199, "MHz", BUILT_IN);
    static final Range BYTES_PER_CLOCK = range("mem.bytesPerClock", 11.2, 22.4, "B",
            "built-in buses: 16 B per clock at 70% (LPDDR5X, 64-bit) to 32 B at 70% (TX2's 128-bit LPDDR4)");
    static final Range MEM_ENERGY_LOW = range("mem.energyPerByte.low", 28, 40, "pJ/B", BUILT_IN);
    static final Range MEM_ENERGY_HIGH = range("mem.energyPerByte.high", 40, 55, "pJ/B", BUILT_IN);
    static final Range MEM_STATIC_LOW = range("mem.staticPower.low", 50, 120, "mW", BUILT_IN);
    static final Range MEM_STATIC_HIGH = range("mem.staticPower.high", 350, 600, "mW", BUILT_IN);

    // The rest of the device.
    static final Range PHONE_BASE = range("phone.basePower", 0.4, 0.6, "W",
            "flagship phones idle at roughly 0.4-0.6 W screen-off with an app awake (snapdragon-8-gen-2 profile)");
    static final Range BOARD_BASE = range("board.basePower", 1.5, 3.0, "W", BUILT_IN);
    static final Range BATCH_OVERHEAD = range("batchOverhead", 0.3, 0.6, "ms", BUILT_IN);
    static final Range SWITCH_ENERGY = range("switchEnergy", 50, 100, "uJ", BUILT_IN);
    static final Range CPU_ACTUATION = range("cpu.actuationDelay", 1, 3, "ms",
            "DESIGN.md section 5: frequencies take 1 to 8 ms to take effect; cpufreq-hw switches in about 1-2 ms");
    static final Range GPU_ACTUATION = range("gpu.actuationDelay", 2, 6, "ms", "DESIGN.md section 5 (1-8 ms)");
    static final Range MEM_ACTUATION = range("mem.actuationDelay", 4, 8, "ms", "DESIGN.md section 5 (1-8 ms)");

    // Thermal: junction nodes to a package (phone) or board node, which goes to ambient.
    static final Range JUNCTION_C = range("junction.capacitance", 1.5, 2, "J/K", BUILT_IN);
    static final Range JUNCTION_R = range("junction.resistance", 1.0, 2.0, "K/W",
            "junction-to-package about 1-2 K/W (built-in profiles)");
    static final Range PHONE_PACKAGE_C = range("phone.package.capacitance", 35, 55, "J/K",
            "a 150-250 g phone of mostly aluminium and glass at about 0.2-0.9 J/(g K), lumped (snapdragon profiles: "
                    + "40-45 J/K)");
    static final Range PHONE_PACKAGE_R = range("phone.package.resistance", 6, 9, "K/W",
            "package and chassis to air about 7 K/W (snapdragon profiles: 7-7.5), thinner or thicker phones");
    static final Range PHONE_TRIP = range("phone.trip", 46, 54, "C",
            "first skin/package mitigation step at 50-52 C in the built-in phones; issue 14's hot phone trips about "
                    + "4 C lower");
    static final double PHONE_SECOND_TRIP_K = 6; // both built-in phones: second step 6 K above the first
    static final Range BOARD_PACKAGE_C = range("board.package.capacitance", 100, 120, "J/K", BUILT_IN);
    static final Range BOARD_PACKAGE_R = range("board.package.resistance", 3.0, 3.5, "K/W", BUILT_IN);
    static final Range BOARD_TRIP = range("board.trip", 80, 85, "C",
            "Tegra soctherm throttling begins around 80-85 C (jetson profiles)");

    // Meters.
    static final Range GAUGE_PERIOD = range("phone.gauge.updatePeriod", 0.5, 2, "s",
            "DESIGN.md section 5: fuel gauges update slowly, often about 1 s or more");
    static final Range GAUGE_NOISE = range("phone.gauge.noise", 1, 3, "%",
            "fuel-gauge current sense error of a few percent per update (snapdragon profiles: 2%)");
    static final Range RAIL_RESOLUTION = range("board.rail.resolution", 1, 8, "mW",
            "INA3221: 1 mW (JetPack 4 iio) to 8 mW (JetPack 5 hwmon mV x mA) (jetson profiles)");

    // Governors.
    static final Range TICK = range("schedutil.period", 1, 10, "ms",
            "the scheduler tick: CONFIG_HZ 1000 to 100; schedutil runs on scheduler events at least once a tick");
    static final Range UP_RATE = range("schedutil.upRateLimit", 0, 2, "ms",
            "Android schedutil up_rate_limit_us, commonly 500 us (snapdragon profiles); vendors use 0-2000 us");
    static final Range DOWN_RATE = range("schedutil.downRateLimit", 5, 40, "ms",
            "Android schedutil down_rate_limit_us, commonly 20000 us (snapdragon profiles); vendors use 5-40 ms");
    static final Range PELT = range("schedutil.utilHalfLife", 8, 32, "ms",
            "kernel/sched/pelt.c: 32 ms half-life; Android's PELT multiplier gives 16 or 8 ms");
    static final Range GPU_UP = range("gpu.governor.up", 78, 92, "%",
            "msm-adreno-tz's modelled TrustZone up threshold (snapdragon profiles: 85%, range 78-92%)");
    static final Range GPU_DOWN = range("gpu.governor.down", 35, 58, "%",
            "msm-adreno-tz's modelled TrustZone down threshold (snapdragon profiles: 50%, range 35-58%)");
    static final Range IO_PERCENT = range("mem.governor.ioPercent", 16, 80, "%",
            "bwmon io_percent: 16 (bwmon.c default) to 80 (SM8550's post-boot script)");

    /** Per-cluster ranges of one core class (min/max of each constant over the built-in clusters of that class). */
    static final class ClusterRanges {
        final Range cores;
        final Range fmin;
        final Range fmax;
        final Range opps;
        final Range capacitance;
        final Range leakage;
        final Range perVolt;
        final Range matmul;
        final Range bandwidth;
        final Range idle;

        ClusterRanges(String kind, double coresMin, double coresMax, double fminMin, double fminMax, double fmaxMin,
                double fmaxMax, double oppsMin, double oppsMax, double cMin, double cMax, double leakMin,
                double leakMax, double kvMin, double kvMax, double mmMin, double mmMax, double bwMin, double bwMax,
                double idleMin, double idleMax) {
            String p = "cpu." + kind + ".";
            cores = range(p + "cores", coresMin, coresMax, "1", BUILT_IN);
            fmin = range(p + "fmin", fminMin, fminMax, "MHz", BUILT_IN);
            fmax = range(p + "fmax", fmaxMin, fmaxMax, "MHz", BUILT_IN);
            opps = range(p + "opps", oppsMin, oppsMax, "1", BUILT_IN);
            capacitance = range(p + "capacitance", cMin, cMax, "nF", BUILT_IN);
            leakage = range(p + "leakage", leakMin, leakMax, "mW", BUILT_IN);
            perVolt = range(p + "leakage.perVolt", kvMin, kvMax, "1/V", BUILT_IN);
            matmul = range(p + "matmul", mmMin, mmMax, "FLOP/cycle", BUILT_IN);
            bandwidth = range(p + "coreBandwidth", bwMin, bwMax, "GB/s", BUILT_IN);
            idle = range(p + "idlePower", idleMin, idleMax, "mW", BUILT_IN);
        }
    }

    /** Every range, by name. */
    static Map<String, Range> all() {
        return Collections.unmodifiableMap(RANGES);
    }
}
