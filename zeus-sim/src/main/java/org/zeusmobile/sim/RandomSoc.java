package org.zeusmobile.sim;

import static org.zeusmobile.sim.RandomSocRanges.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.zeusmobile.sim.RandomSocRanges.ClusterRanges;
import org.zeusmobile.sim.RandomSocRanges.Range;

/**
 * Plausible SoCs nobody tuned for ({@code sim:random,seed=N}): a phone (three or two CPU clusters, an Adreno-like
 * GPU, LPDDR, a fuel gauge, Qualcomm governors) or, one time in four, an edge board (one or two CPU clusters, a
 * CUDA-like GPU, an INA3221 rail, Jetson governors). Every constant is drawn uniformly within a {@link Range}
 * ({@link RandomSocRanges}) taken from the built-in profiles' own numbers and sources (their span, widened where a
 * source gives a wider one), plus the hot phone of issue 14 (trip points about 4 °C lower, more leakage). The draw is written as a
 * profile document and loaded by {@link ProfileLoader}, so it passes the same checks as a profile file, and every
 * number carries its range and source.
 */
public final class RandomSoc {

    /** Every range the generator draws from, by name. */
    public static Map<String, RandomSocRanges.Range> ranges() {
        return RandomSocRanges.all();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final SplittableRandom random;
    private final Map<String, Double> draws = new LinkedHashMap<>();
    private final boolean board;
    private final ObjectNode document = JSON.createObjectNode();
    private final SocProfile profile;
    private long[] gpuFreqsMhz;
    private double memTopMhz;

    private RandomSoc(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.board = draw(BOARD) < BOARD_SHARE;
        build();
        this.profile = ProfileLoader.parse(document.toString(), spec());
    }

    /** The SoC drawn from {@code seed}: the same seed, the same SoC. */
    public static RandomSoc generate(long seed) {
        return new RandomSoc(seed);
    }

    public SocProfile profile() {
        return profile;
    }

    /** The profile document, in the format of the built-in profile files (e.g. to save and edit). */
    public String json() {
        return document.toPrettyString();
    }

    /** True for an edge board, false for a phone. */
    public boolean board() {
        return board;
    }

    /** Every constant drawn, by the name of its range (several clusters: suffixed with the cluster's index). */
    public Map<String, Double> draws() {
        return Collections.unmodifiableMap(draws);
    }

    public String spec() {
        return "sim:random,seed=" + seed;
    }

    private double draw(Range range) {
        return draw(range, range.name);
    }

    /** A draw of one of several processors or nodes: recorded as {@code range#index}. */
    private double draw(Range range, int index) {
        return draw(range, range.name + "#" + index);
    }

    private double draw(Range range, String key) {
        double value = range.min + (range.max - range.min) * random.nextDouble();
        draws.put(key, value);
        return value;
    }

    private int drawInt(Range range, int index) {
        int value = (int) Math.round(range.min) + random.nextInt((int) Math.round(range.max - range.min) + 1);
        draws.put(index < 0 ? range.name : range.name + "#" + index, (double) value);
        return value;
    }

    private String source(Range range) {
        return String.format(Locale.ROOT, "generated (seed %d) within [%s, %s] %s: %s", seed, num(range.min),
                num(range.max), range.unit, range.source);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private ObjectNode quantity(double value, String unit, Range range) {
        ObjectNode node = JSON.createObjectNode();
        node.put("value", value);
        node.put("unit", unit);
        node.put("source", source(range));
        return node;
    }

    private ObjectNode fixed(double value, String unit, String source) {
        ObjectNode node = JSON.createObjectNode();
        node.put("value", value);
        node.put("unit", unit);
        node.put("source", source);
        return node;
    }

    private void build() {
        String kind = board ? "edge board" : "phone";
        document.put("name", "random-" + (seed < 0 ? "m" + -seed : Long.toString(seed)));
        document.put("soc", "generated " + kind + " SoC (seed " + seed + ")");
        document.put("description", "a plausible " + kind + " nobody tuned for, drawn by RandomSoc from seed " + seed);
        document.put("source", "RandomSoc: every constant drawn within a range from the built-in profiles' sources");
        double curvature = draw(CURVATURE);
        double corner = draw(LEAKAGE_CORNER);
        double perKelvin = draw(LEAKAGE_PER_KELVIN);
        double stall = draw(STALL);
        ArrayNode processors = document.putArray("processors");
        ClusterRanges[] classes = board
                ? (drawInt(BOARD_CLUSTERS, -1) == 1 ? new ClusterRanges[] {BOARD_CPU}
                        : new ClusterRanges[] {BOARD_CPU, BOARD_CPU})
                : (drawInt(PHONE_CLUSTERS, -1) == 3 ? new ClusterRanges[] {LITTLE, BIG, PRIME}
                        : new ClusterRanges[] {LITTLE, BIG});
        int firstCpu = 0;
        String[] policies = new String[classes.length];
        long[][] cpuFreqsKhz = new long[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            policies[i] = "policy" + firstCpu;
            int cores = drawInt(classes[i].cores, i);
            cpuFreqsKhz[i] = cpuCluster(processors, classes[i], i, policies[i], cores, curvature, corner, perKelvin,
                    stall);
            firstCpu += cores;
        }
        gpuFreqsMhz = gpu(processors, curvature, corner, perKelvin, stall);
        memory();
        thermal(policies, cpuFreqsKhz, gpuFreqsMhz);
        document.set("basePower", quantity(round(draw(board ? BOARD_BASE : PHONE_BASE), 3), "W",
                board ? BOARD_BASE : PHONE_BASE));
        document.put("baseNode", board ? "board" : "soc");
        document.set("batchOverhead", quantity(round(draw(BATCH_OVERHEAD), 3), "ms", BATCH_OVERHEAD));
        document.set("switchEnergy", quantity(Math.round(draw(SWITCH_ENERGY)), "uJ", SWITCH_ENERGY));
        sensors();
        governors();
        ObjectNode knobs = document.putObject("knobs");
        ArrayNode batch = knobs.putArray("batch");
        for (int b : new int[] {1, 2, 4, 8, 16}) {
            batch.add(b);
        }
        ArrayNode threads = knobs.putArray("threads");
        for (int t : board ? new int[] {1, 2, 4, 6} : new int[] {1, 2, 4, 8}) {
            threads.add(t);
        }
        knobs.put("defaultThreads", board ? 6 : 4);
        knobs.put("source", "as the built-in profiles: batch sizes 1-16 as in PolyThrottle's sweep, threads up to "
                + "the cores a runtime uses");
    }

    private long[] cpuCluster(ArrayNode processors, ClusterRanges r, int index, String policy, int cores,
            double curvature, double corner, double perKelvin, double stall) {
        double fminMhz = draw(r.fmin, index);
        double fmaxMhz = draw(r.fmax, index);
        int opps = drawInt(r.opps, index);
        double vmin = draw(CPU_VMIN, index);
        double vmax = draw(CPU_VMAX, index);
        long[] freqsKhz = new long[opps];
        ObjectNode node = processors.addObject();
        node.put("name", policy);
        node.put("kind", "cpu");
        node.put("core", "generated " + (r == BOARD_CPU ? "board" : r == LITTLE ? "little" : r == BIG ? "big" : "prime")
                + " core");
        node.put("cores", cores);
        node.put("source", source(r.cores));
        ObjectNode table = node.putObject("opps");
        table.put("frequencyUnit", "kHz");
        table.put("voltageUnit", "V");
        table.put("source", "evenly spaced between the drawn lowest and highest frequency; V(f) = Vmin + (Vmax - Vmin) "
                + "x^curvature; " + source(r.fmax));
        ArrayNode points = table.putArray("points");
        for (int i = 0; i < opps; i++) {
            double x = opps == 1 ? 1 : i / (double) (opps - 1);
            freqsKhz[i] = Math.round((fminMhz + (fmaxMhz - fminMhz) * x) * 10) * 100; // 100 kHz steps
            ArrayNode point = points.addArray();
            point.add(freqsKhz[i]);
            point.add(round(vmin + (vmax - vmin) * Math.pow(x, curvature), 3));
        }
        node.set("capacitance", quantity(round(draw(r.capacitance, index), 4), "nF",
                r.capacitance));
        leakage(node, draw(r.leakage, index) * corner, r.leakage,
                draw(r.perVolt, index), r.perVolt, perKelvin);
        node.set("idlePower", quantity(round(draw(r.idle, index), 1), "mW", r.idle));
        node.set("idleEntryDelay", fixed(3, "ms", "as every built-in CPU cluster: cpuidle's deep core/cluster state "
                + "after about 3 ms idle"));
        node.set("idleExitLatency", fixed(0.3, "ms", "as every built-in CPU cluster"));
        node.set("stallActivity", quantity(round(stall, 1), "%", STALL));
        throughput(node, draw(r.matmul, index), r.matmul, 0.25, 1.0 / 6, 0.125, 0.1, 0.1);
        node.set("coreBandwidth", quantity(round(draw(r.bandwidth, index), 2), "GB/s",
                r.bandwidth));
        node.set("launchOverhead", quantity(round(draw(CPU_LAUNCH, index), 2), "us",
                CPU_LAUNCH));
        node.set("actuationDelay", quantity(round(draw(CPU_ACTUATION, index), 2), "ms",
                CPU_ACTUATION));
        node.put("thermalNode", "cpu");
        return freqsKhz;
    }

    private long[] gpu(ArrayNode processors, double curvature, double corner, double perKelvin, double stall) {
        Range oppsRange = board ? BOARD_GPU_OPPS : PHONE_GPU_OPPS;
        Range fminRange = board ? BOARD_GPU_FMIN : PHONE_GPU_FMIN;
        Range fmaxRange = board ? BOARD_GPU_FMAX : PHONE_GPU_FMAX;
        int opps = drawInt(oppsRange, -1);
        double fmin = draw(fminRange);
        double fmax = draw(fmaxRange);
        double vmin = draw(GPU_VMIN);
        double vmax = draw(GPU_VMAX);
        long[] freqsMhz = new long[opps];
        ObjectNode node = processors.addObject();
        node.put("name", "gpu");
        node.put("kind", "gpu");
        node.put("core", board ? "generated CUDA-like GPU" : "generated Adreno-like GPU");
        node.put("cores", 1);
        node.put("source", "one GPU, as every built-in profile");
        ObjectNode table = node.putObject("opps");
        table.put("frequencyUnit", "MHz");
        table.put("voltageUnit", "V");
        table.put("source", "evenly spaced between the drawn lowest and highest frequency; V(f) = Vmin + (Vmax - Vmin) "
                + "x^curvature; " + source(fmaxRange));
        ArrayNode points = table.putArray("points");
        for (int i = 0; i < opps; i++) {
            double x = i / (double) (opps - 1);
            freqsMhz[i] = Math.round(fmin + (fmax - fmin) * x);
            ArrayNode point = points.addArray();
            point.add(freqsMhz[i]);
            point.add(round(vmin + (vmax - vmin) * Math.pow(x, curvature), 3));
        }
        Range c = board ? BOARD_GPU_C : PHONE_GPU_C;
        Range leak = board ? BOARD_GPU_LEAK : PHONE_GPU_LEAK;
        Range flops = board ? BOARD_GPU_FLOPS : PHONE_GPU_FLOPS;
        Range bw = board ? BOARD_GPU_BW : PHONE_GPU_BW;
        Range launch = board ? BOARD_GPU_LAUNCH : PHONE_GPU_LAUNCH;
        node.set("capacitance", quantity(round(draw(c), 3), "nF", c));
        leakage(node, draw(leak) * corner, leak, 4.0, null, perKelvin);
        node.set("idlePower", quantity(round(draw(GPU_IDLE), 1), "mW", GPU_IDLE));
        String as = board ? "as the built-in Jetson GPUs" : "as the built-in Adreno GPUs";
        node.set("idleEntryDelay", board ? fixed(500, "ms", as + ": nvgpu railgate_delay_init 500 ms")
                : fixed(0.3, "ms", as + ": GMU inter-frame power collapse after 300 us"));
        node.set("idleExitLatency", fixed(board ? 5 : 0.5, "ms", as));
        node.set("stallActivity", quantity(round(stall, 1), "%", STALL));
        throughput(node, draw(flops), flops, 0.3, 0.2, 0.15, 0.1, 0.1);
        node.set("coreBandwidth", quantity(round(draw(bw), 1), "GB/s", bw));
        node.set("launchOverhead", quantity(round(draw(launch), 1), "us", launch));
        node.set("kernelGap", fixed(board ? 2 : 3, "us", as));
        node.put("hostWait", board ? "spin" : "block");
        if (board) {
            node.set("spinActivity", fixed(60, "%", as));
        }
        node.set("memoryVote", fixed(board ? 0.75 : 4, "1", as));
        node.set("actuationDelay", quantity(round(draw(GPU_ACTUATION), 2), "ms", GPU_ACTUATION));
        node.put("thermalNode", "gpu");
        return freqsMhz;
    }

    /** Leakage per core at 0.75 V and 25 °C, rising e^(perVolt (V - 0.75)) e^(perKelvin (T - 25)). */
    private void leakage(ObjectNode node, double powerMw, Range powerRange, double perVolt, Range perVoltRange,
            double perKelvin) {
        ObjectNode leakage = node.putObject("leakage");
        leakage.set("power", fixed(round(powerMw, 2), "mW", "drawn x process corner [" + num(LEAKAGE_CORNER.min) + ", "
                + num(LEAKAGE_CORNER.max) + "]: " + source(powerRange) + "; corner: " + LEAKAGE_CORNER.source));
        leakage.set("voltage", fixed(0.75, "V", "reference point of the leakage fit, as the built-in profiles"));
        leakage.set("temperature", fixed(25, "C", "reference point of the leakage fit, as the built-in profiles"));
        leakage.set("perVolt", perVoltRange == null
                ? fixed(perVolt, "1/V", "leakage grows about e^4 per volt (DIBL), as every built-in GPU")
                : quantity(round(perVolt, 3), "1/V", perVoltRange));
        leakage.set("perKelvin", quantity(round(perKelvin, 4), "1/K", LEAKAGE_PER_KELVIN));
    }

    /** FLOP per cycle by operator class: matmul drawn, the others in the built-in profiles' proportions. */
    private void throughput(ObjectNode node, double matmul, Range range, double elementwise, double normalization,
            double softmax, double gather, double dataMovement) {
        ObjectNode t = node.putObject("throughput");
        t.put("unit", "FLOP/cycle");
        t.put("source", source(range) + "; other operator classes in the built-in profiles' proportions to matmul");
        double mm = round(matmul, 1);
        t.put("matmul_conv", mm);
        t.put("elementwise", round(mm * elementwise, 2));
        t.put("normalization", round(mm * normalization, 2));
        t.put("softmax", round(mm * softmax, 2));
        t.put("gather", Math.max(1, round(mm * gather, 1)));
        t.put("data_movement", Math.max(1, round(mm * dataMovement, 1)));
    }

    private void memory() {
        int opps = drawInt(board ? BOARD_MEM_OPPS : PHONE_MEM_OPPS, -1);
        double fmin = board ? draw(BOARD_MEM_FMIN) : 547.2; // every built-in LPDDR bus starts at 547.2 MHz
        double fmax = draw(board ? BOARD_MEM_FMAX : PHONE_MEM_FMAX);
        double bytesPerClock = draw(BYTES_PER_CLOCK);
        double eLow = draw(MEM_ENERGY_LOW);
        double eHigh = draw(MEM_ENERGY_HIGH);
        double sLow = draw(MEM_STATIC_LOW);
        double sHigh = draw(MEM_STATIC_HIGH);
        ObjectNode bus = document.putArray("memory").addObject();
        bus.put("name", board ? "emc" : "ddr");
        bus.set("actuationDelay", quantity(round(draw(MEM_ACTUATION), 2), "ms", MEM_ACTUATION));
        ObjectNode table = bus.putObject("opps");
        bus.set("bytesPerClock", quantity(round(bytesPerClock, 2), "B", BYTES_PER_CLOCK));
        bus.set("efficiency", fixed(100, "%", "the drawn bytes per clock is what streams achieve (RandomSocRanges)"));
        table.put("frequencyUnit", "MHz");
        table.put("energyPerByteUnit", "pJ/B");
        table.put("staticPowerUnit", "mW");
        table.put("source", "evenly spaced clocks; energy per byte rising linearly and static power as x^1.5 from the "
                + "lowest to the highest clock");
        ArrayNode points = table.putArray("points");
        for (int i = 0; i < opps; i++) {
            double x = i / (double) (opps - 1);
            double f = round(fmin + (fmax - fmin) * x, 1);
            memTopMhz = f;
            ArrayNode point = points.addArray();
            point.add(f);
            point.add(round(eLow + (eHigh - eLow) * x, 1));
            point.add(round(sLow + (sHigh - sLow) * Math.pow(x, 1.5), 1));
        }
    }

    private void thermal(String[] policies, long[][] cpuFreqsKhz, long[] gpuFreqsMhz) {
        ObjectNode thermal = document.putObject("thermal");
        thermal.put("source", "lumped RC: CPU and GPU junctions to the " + (board ? "board" : "package") + ", which goes"
                + " to ambient (as the built-in profiles)");
        thermal.set("ambient", fixed(25, "C", "room temperature test condition"));
        String outer = board ? "board" : "soc";
        ArrayNode nodes = thermal.putArray("nodes");
        for (String junction : new String[] {"cpu", "gpu"}) {
            ObjectNode node = nodes.addObject();
            node.put("name", junction);
            int index = junction.equals("cpu") ? 0 : 1;
            node.set("capacitance", quantity(round(draw(JUNCTION_C, index), 2), "J/K", JUNCTION_C));
            node.set("resistance", quantity(round(draw(JUNCTION_R, index), 2), "K/W", JUNCTION_R));
            node.put("to", outer);
        }
        Range c = board ? BOARD_PACKAGE_C : PHONE_PACKAGE_C;
        Range r = board ? BOARD_PACKAGE_R : PHONE_PACKAGE_R;
        ObjectNode outerNode = nodes.addObject();
        outerNode.put("name", outer);
        outerNode.set("capacitance", quantity(round(draw(c), 1), "J/K", c));
        outerNode.set("resistance", quantity(round(draw(r), 2), "K/W", r));
        outerNode.put("to", "ambient");
        ArrayNode trips = thermal.putArray("trips");
        int big = policies.length - 1;
        if (board) {
            double tripC = round(draw(BOARD_TRIP), 1);
            trip(trips, "gpu", tripC, "gpu", levelAtOrBelow(gpuFreqsMhz, 0.75) * 1e6, "soctherm GPU throttling");
            for (int i = 0; i < policies.length; i++) {
                trip(trips, "cpu", tripC, policies[i], levelAtOrBelow(cpuFreqsKhz[i], 0.78) * 1e3,
                        "soctherm CPU throttling");
            }
            return;
        }
        // Phones as the built-ins: the first package step caps the GPU one or two levels below its peak and the
        // fastest cluster to about 78%; the second, 6 K higher, caps the GPU to about 60% and the big clusters to
        // about 60-64%.
        double firstC = round(draw(PHONE_TRIP), 1);
        int gpuTop = gpuFreqsMhz.length - 1;
        int firstGpu = Math.max(0, gpuTop - 1 - (random.nextBoolean() ? 1 : 0));
        trip(trips, "soc", firstC, "gpu", gpuFreqsMhz[firstGpu] * 1e6, "first mitigation step (GPU)");
        trip(trips, "soc", firstC, policies[big], levelAtOrBelow(cpuFreqsKhz[big], 0.78) * 1e3,
                "first mitigation step (fastest cluster)");
        double secondC = firstC + PHONE_SECOND_TRIP_K;
        trip(trips, "soc", secondC, "gpu", levelAtOrBelow(gpuFreqsMhz, 0.6) * 1e6, "second mitigation step (GPU)");
        for (int i = 1; i < policies.length; i++) {
            trip(trips, "soc", secondC, policies[i], levelAtOrBelow(cpuFreqsKhz[i], 0.62) * 1e3,
                    "second mitigation step (big clusters)");
        }
    }

    /** The highest operating point at or below {@code share} of the top one (the lowest if none). */
    private static long levelAtOrBelow(long[] freqs, double share) {
        long limit = Math.round(freqs[freqs.length - 1] * share);
        long level = freqs[0];
        for (long f : freqs) {
            if (f <= limit) {
                level = f;
            }
        }
        return level;
    }

    private void trip(ArrayNode trips, String node, double temperatureC, String processor, double maxHz, String what) {
        String why = (board ? source(BOARD_TRIP) : source(PHONE_TRIP)) + "; " + what;
        ObjectNode trip = trips.addObject();
        trip.put("node", node);
        trip.set("temperature", fixed(temperatureC, "C", why));
        trip.set("hysteresis", fixed(3, "K", "every built-in trip point: 3 K"));
        trip.put("processor", processor);
        trip.set("maxFrequency", fixed(maxHz, "Hz", why));
        trip.put("source", why);
    }

    private void sensors() {
        ObjectNode sensor = document.putArray("sensors").addObject();
        if (board) {
            sensor.put("name", "VDD_IN");
            sensor.put("type", "power");
            sensor.put("domain", "total");
            sensor.putArray("components").add("*");
            sensor.set("resolution", quantity(Math.round(draw(RAIL_RESOLUTION)), "mW",
                    RAIL_RESOLUTION));
            sensor.set("updatePeriod", fixed(5, "ms", "INA3221 conversion with averaging (jetson profiles)"));
            sensor.set("noise", fixed(1, "%", "INA3221 gain error plus ADC noise (jetson profiles)"));
            sensor.put("source", "board input rail, as the jetson profiles (DESIGN.md section 5: total is VDD_IN)");
            return;
        }
        sensor.put("name", "battery");
        sensor.put("type", "energy");
        sensor.put("domain", "total");
        sensor.putArray("components").add("*");
        sensor.set("resolution", fixed(13.9, "mJ", "charge_counter counts 1 uAh; at 3.87 V nominal 1 uAh = 13.9 mJ"));
        sensor.set("updatePeriod", quantity(round(draw(GAUGE_PERIOD), 2), "s", GAUGE_PERIOD));
        sensor.set("noise", quantity(round(draw(GAUGE_NOISE), 2), "%", GAUGE_NOISE));
        sensor.put("source", "Android power_supply battery charge_counter / BatteryManager energy counter");
    }

    private void governors() {
        ObjectNode governors = document.putObject("governors");
        governors.put("source", board ? "default JetPack governors" : "default Android governors on Qualcomm SoCs");
        ObjectNode cpu = governors.putObject("cpu");
        cpu.put("name", "schedutil");
        cpu.put("source", "Linux kernel/sched/cpufreq_schedutil.c; constants drawn within the ranges below");
        cpu.set("headroom", fixed(1.25, "1", "kernel/sched/cpufreq_schedutil.c: freq = 1.25 * max_freq * util / cap"));
        cpu.set("period", quantity(round(draw(TICK), 2), "ms", TICK));
        cpu.set("upRateLimit", quantity(round(draw(UP_RATE), 2), "ms", UP_RATE));
        cpu.set("downRateLimit", quantity(round(draw(DOWN_RATE), 1), "ms", DOWN_RATE));
        int[] halfLives = {8, 16, 32};
        int halfLife = halfLives[random.nextInt(3)];
        draws.put(PELT.name, (double) halfLife);
        cpu.set("utilHalfLife", quantity(halfLife, "ms", PELT));
        ObjectNode gpu = governors.putObject("gpu");
        if (board) {
            podgov(gpu);
        } else {
            gpu.put("name", "msm-adreno-tz");
            gpu.put("source", "drivers/devfreq/governor_msm_adreno_tz.c with KGSL, as snapdragon-8-gen-2");
            gpu.set("callInterval", fixed(10, "ms", "kgsl_pwrscale.h: KGSL_GOVERNOR_CALL_INTERVAL 10000 us"));
            gpu.set("floor", fixed(5, "ms", "governor_msm_adreno_tz.c: FLOOR 5000 us"));
            gpu.set("minBusy", fixed(1, "ms", "governor_msm_adreno_tz.c: MIN_BUSY 1000 us"));
            gpu.set("ceiling", fixed(50, "ms", "governor_msm_adreno_tz.c: CEILING 50000 us"));
            gpu.set("idleTimer", fixed(80, "ms", "KGSL idle_timer default 80 ms"));
            gpu.set("upThreshold", quantity(round(draw(GPU_UP), 1), "%", GPU_UP));
            gpu.set("downThreshold", quantity(round(draw(GPU_DOWN), 1), "%", GPU_DOWN));
            gpu.set("targetBusy", fixed(70, "%", "as snapdragon-8-gen-2 (the modelled TrustZone DCVS target)"));
            gpu.set("wakeFrequency", fixed(gpuFreqsMhz[0], "MHz", "the lowest level taken as default_pwrlevel"));
        }
        ObjectNode mem = governors.putObject("memory");
        if (board) {
            actmon(mem);
        } else {
            bwmon(mem);
        }
    }

    /** nvhost_podgov with the constants of governor_pod_scaling.c, as the Jetson profiles. */
    private void podgov(ObjectNode gpu) {
        String src = "governor_pod_scaling.c nvhost_pod_init, as the Jetson profiles";
        gpu.put("name", "nvhost_podgov");
        gpu.put("source", src);
        gpu.set("polling", fixed(25, "ms", "nvgpu scale.c: devfreq polling_ms = 25"));
        gpu.set("blockWindow", fixed(50, "ms", src));
        gpu.set("loadMax", fixed(900, "permille", src));
        gpu.set("loadTarget", fixed(700, "permille", src));
        gpu.set("bias", fixed(80, "%", src));
        gpu.set("smooth", fixed(10, "1", src));
        gpu.set("damp", fixed(7, "1", src));
    }

    /** Tegra ACTMON with the constants of tegra30-devfreq.c (MCALL), as the Jetson profiles. */
    private void actmon(ObjectNode mem) {
        String src = "tegra30-devfreq.c MCALL, as the Jetson profiles";
        mem.put("name", "actmon");
        mem.put("source", src);
        mem.set("samplingPeriod", fixed(12, "ms", src));
        mem.set("averageWindow", fixed(64, "1", src));
        mem.set("boostUpCoeff", fixed(200, "%", src));
        mem.set("boostDownCoeff", fixed(50, "%", src));
        mem.set("boostUpThreshold", fixed(60, "%", src));
        mem.set("boostDownThreshold", fixed(40, "%", src));
        mem.set("aboveWatermarkWindow", fixed(1, "1", src));
        mem.set("belowWatermarkWindow", fixed(3, "1", src));
        mem.set("boostStep", fixed(16, "MHz", src));
    }

    /** Qualcomm bwmon with SM8550's tunables, the io_percent drawn. */
    private void bwmon(ObjectNode mem) {
        String src = "drivers/soc/qcom/dcvs/bwmon.c with SM8550's bwmon-ddr tunables, as snapdragon-8-gen-2";
        mem.put("name", "bw_hwmon");
        mem.put("source", src);
        mem.set("sample", fixed(4, "ms", src));
        mem.set("window", fixed(40, "ms", src));
        mem.set("ioPercent", quantity(round(draw(IO_PERCENT), 1), "%", IO_PERCENT));
        mem.set("histMemory", fixed(20, "1", src));
        mem.set("hystLength", fixed(5, "1", src));
        mem.set("hystTriggerCount", fixed(3, "1", src));
        mem.set("idleLength", fixed(1, "1", src));
        mem.set("upThreshold", fixed(10, "%", src));
        mem.set("upScale", fixed(250, "%", src));
        mem.set("decayRate", fixed(90, "%", src));
        mem.set("idleBandwidth", fixed(1600, "MB/s", src));
        mem.set("guardBand", fixed(0, "MB/s", src));
        mem.set("maxFrequency", fixed(memTopMhz, "MHz", "the top of the drawn DDR table"));
        ObjectNode zones = mem.putObject("zones");
        ArrayNode values = zones.putArray("values");
        for (int zone : new int[] {2086, 5931, 6515, 7980, 12191, 16259}) {
            values.add(zone);
        }
        zones.put("unit", "MB/s");
        zones.put("source", src);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
