package org.zeusmobile.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.sim.ProfileJson.Bounds;
import org.zeusmobile.sim.ProfileJson.Dimension;

/**
 * Reads device profiles from JSON and validates them completely before anything is built, so a bad file
 * never yields half a device: every number has a unit and a source, lies inside physical bounds, and an
 * estimate's range holds its value. Units are converted to SI here. Errors are {@link ProfileException}s
 * naming the file, the field and the bound.
 */
public final class ProfileLoader {

    /** The built-in profiles, as resources under {@code /profiles/NAME.json}. */
    public static final List<String> BUILT_IN = List.of("snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano",
            "jetson-tx2");

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // physical bounds (SI): a value outside them is a typo or a unit mistake, never a device
    private static final Bounds PROCESSOR_CLOCK = new Bounds(1e6, 1e10, "a processor clock");
    private static final Bounds BUS_CLOCK = new Bounds(1e6, 2e10, "a memory bus clock");
    private static final Bounds VOLTAGE = new Bounds(0.05, 2, "a core supply voltage");
    private static final Bounds CAPACITANCE = new Bounds(1e-15, 1e-6, "switched capacitance of one core");
    private static final Bounds POWER = new Bounds(0, 1000, "a board's power");
    private static final Bounds SWITCH_ENERGY = new Bounds(0, 1, "one clock switch");
    private static final Bounds ACTUATION = new Bounds(1e-6, 1, "a frequency switch");
    private static final Bounds PER_OPERATOR = new Bounds(0, 0.01, "a per-operator cost");
    private static final Bounds PER_BATCH = new Bounds(0, 1, "a per-batch cost");
    private static final Bounds IDLE_DELAY = new Bounds(0, 10, "an idle-state delay");
    private static final Bounds TEMPERATURE = new Bounds(-50, 150, "a temperature a device survives");
    private static final Bounds HYSTERESIS = new Bounds(0, 50, "a trip hysteresis");
    private static final Bounds THERMAL_R = new Bounds(1e-4, 1000, "a thermal resistance");
    private static final Bounds THERMAL_C = new Bounds(1e-4, 1e6, "a heat capacity");
    private static final Bounds CORE_BANDWIDTH = new Bounds(1e6, 1e13, "a processor's memory bandwidth");
    private static final Bounds ENERGY_PER_BYTE = new Bounds(1e-15, 1e-9, "DRAM energy per byte");
    private static final Bounds BYTES_PER_CLOCK = new Bounds(1, 1024, "bytes a bus moves per clock");
    private static final Bounds FRACTION = new Bounds(0, 1, "a fraction");
    private static final Bounds MEMORY_VOTE = new Bounds(0, 100, "memory clock per GPU clock");
    private static final Bounds PER_VOLT = new Bounds(0, 100, "leakage growth per volt");
    private static final Bounds PER_KELVIN = new Bounds(0, 1, "leakage growth per kelvin");
    private static final Bounds FLOPS_PER_CYCLE = new Bounds(1e-6, 1e6, "FLOP per cycle");
    private static final Bounds SENSOR_ENERGY = new Bounds(1e-12, 1e6, "a counter resolution");
    private static final Bounds SENSOR_POWER = new Bounds(1e-12, 1e4, "a power resolution");
    private static final Bounds SENSOR_PERIOD = new Bounds(1e-6, 3600, "a sensor update period");
    private static final Bounds WRAP = new Bounds(1e-3, 1e15, "a counter range");

    private final ProfileJson f;

    private ProfileLoader(String file) {
        this.f = new ProfileJson(file);
    }

    /** Loads a profile file. */
    public static SocProfile load(Path path) {
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProfileException(path.toString(), "(file)", "no such file; give the path of a profile JSON file");
        } catch (IOException e) {
            throw new ProfileException(path.toString(), "(file)", "cannot read it: " + e.getMessage(), e);
        }
        return parse(text, path.toString());
    }

    /** Loads the built-in profile {@code name}; an unknown name lists the built-ins. */
    public static SocProfile loadBuiltIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("unknown simulated device '" + name + "'; built-in profiles: "
                    + String.join(", ", BUILT_IN) + " (or sim:file=PATH for a profile file)");
        }
        String resource = "/profiles/" + name + ".json";
        try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in profile resource " + resource + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in profile " + resource, e);
        }
    }

    /** Parses profile JSON; {@code file} names its origin in error messages. */
    public static SocProfile parse(String json, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "(syntax)"
                    : "(syntax, line " + where.getLineNr() + " column " + where.getColumnNr() + ")";
            throw new ProfileException(file, at, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(file, "(root)", "a profile is a JSON object; see the built-in profiles");
        }
        return new ProfileLoader(file).profile(root, json);
    }

    private SocProfile profile(JsonNode root, String json) {
        f.allowOnly(root, "", "name", "soc", "description", "source", "processors", "memory", "basePower", "baseNode",
                "batchOverhead", "switchEnergy", "thermal", "sensors", "governors", "knobs");
        String name = f.text(root, "", "name");
        if (!name.matches("[a-z0-9][a-z0-9\\-]*")) {
            throw f.error("name", "'" + name + "' must be lower-case words joined by '-', e.g. snapdragon-8-gen-2");
        }
        String soc = f.text(root, "", "soc");
        String description = f.text(root, "", "description");

        JsonNode thermal = f.object(root, "", "thermal");
        f.allowOnly(thermal, "thermal", "ambient", "nodes", "trips", "source");
        double ambientC = f.quantity(thermal, "thermal", "ambient", Dimension.TEMPERATURE, TEMPERATURE);
        List<SocProfile.ThermalNode> nodes = thermalNodes(thermal);
        Set<String> nodeNames = new LinkedHashSet<>();
        for (SocProfile.ThermalNode node : nodes) {
            nodeNames.add(node.name);
        }

        List<SocProfile.Processor> processors = new ArrayList<>();
        JsonNode procArray = f.array(root, "", "processors");
        Set<String> procNames = new LinkedHashSet<>();
        boolean gpuSeen = false;
        for (int i = 0; i < procArray.size(); i++) {
            String at = "processors[" + i + "]";
            SocProfile.Processor processor = processor(f.element(procArray, i, at), at, nodeNames);
            if (!procNames.add(processor.name)) {
                throw f.error(at + ".name", "processor '" + processor.name + "' is defined twice");
            }
            if (processor.kind == SocProfile.Kind.GPU) {
                if (gpuSeen) {
                    throw f.error(at + ".kind", "only one gpu per profile");
                }
                gpuSeen = true;
            }
            processors.add(processor);
        }
        if (processors.isEmpty()) {
            throw f.error("processors", "a profile needs at least one processor");
        }

        List<SocProfile.Bus> buses = new ArrayList<>();
        JsonNode memArray = f.array(root, "", "memory");
        Set<String> busNames = new HashSet<>();
        for (int i = 0; i < memArray.size(); i++) {
            SocProfile.Bus bus = bus(f.element(memArray, i, "memory[" + i + "]"), "memory[" + i + "]");
            if (!busNames.add(bus.name)) {
                throw f.error("memory[" + i + "].name", "bus '" + bus.name + "' is defined twice");
            }
            buses.add(bus);
        }
        if (buses.isEmpty()) {
            throw f.error("memory", "a profile needs at least one memory bus");
        }

        double basePowerW = f.quantity(root, "", "basePower", Dimension.POWER, POWER);
        String baseNode = f.text(root, "", "baseNode");
        if (!nodeNames.contains(baseNode)) {
            throw f.error("baseNode", "unknown thermal node '" + baseNode + "'; nodes: " + nodeNames);
        }
        double batchOverheadS = f.quantity(root, "", "batchOverhead", Dimension.TIME, PER_BATCH);
        double switchEnergyJ = f.quantity(root, "", "switchEnergy", Dimension.ENERGY, SWITCH_ENERGY);
        List<SocProfile.Trip> trips = trips(thermal, nodeNames, processors, procNames);
        List<SocProfile.Sensor> sensors = sensors(root, procNames);

        JsonNode governors = f.object(root, "", "governors");
        f.allowOnly(governors, "governors", "cpu", "gpu", "memory", "source");
        SocProfile.GovernorSpec cpuGovernor = governor(governors, GovernorKind.Role.CPU, processors);
        SocProfile.GovernorSpec gpuGovernor = governor(governors, GovernorKind.Role.GPU, processors);
        SocProfile.GovernorSpec busGovernor = governor(governors, GovernorKind.Role.MEMORY, processors);
        for (SocProfile.Processor p : processors) {
            if (p.kind == SocProfile.Kind.GPU && gpuGovernor.name.equals(GovernorKind.MSM_ADRENO_TZ.kernelName)
                    && Arrays.binarySearch(p.freqHz, Math.round(gpuGovernor.value("wakeFrequency"))) < 0) {
                throw f.error("governors.gpu.wakeFrequency", "must be one of the GPU's operating points "
                        + Arrays.toString(p.freqHz) + " Hz");
            }
        }

        JsonNode knobs = f.object(root, "", "knobs");
        f.allowOnly(knobs, "knobs", "batch", "threads", "defaultThreads", "source");
        long[] batch = f.ascendingCounts(knobs, "knobs", "batch", 1 << 16);
        long[] threads = f.ascendingCounts(knobs, "knobs", "threads", 1024);
        long defaultThreads = f.integer(knobs, "knobs", "defaultThreads", 1, 1024);
        if (Arrays.binarySearch(threads, defaultThreads) < 0) {
            throw f.error("knobs.defaultThreads", defaultThreads + " is not one of knobs.threads " + Arrays.toString(threads));
        }
        return new SocProfile(name, soc, description, processors, buses, basePowerW, baseNode, batchOverheadS,
                switchEnergyJ, ambientC, nodes, trips, sensors, cpuGovernor, gpuGovernor, busGovernor, batch, threads,
                defaultThreads, f.estimates(), json);
    }

    private List<SocProfile.ThermalNode> thermalNodes(JsonNode thermal) {
        List<SocProfile.ThermalNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode array = f.array(thermal, "thermal", "nodes");
        for (int i = 0; i < array.size(); i++) {
            String at = "thermal.nodes[" + i + "]";
            JsonNode node = f.element(array, i, at);
            f.allowOnly(node, at, "name", "capacitance", "resistance", "to", "source");
            String nodeName = f.text(node, at, "name");
            if (!names.add(nodeName) || nodeName.equals("ambient")) {
                throw f.error(at + ".name", "node '" + nodeName + "' is defined twice or is the reserved name 'ambient'");
            }
            nodes.add(new SocProfile.ThermalNode(nodeName,
                    f.quantity(node, at, "capacitance", Dimension.THERMAL_CAPACITANCE, THERMAL_C),
                    f.quantity(node, at, "resistance", Dimension.THERMAL_RESISTANCE, THERMAL_R), f.text(node, at, "to")));
        }
        for (int i = 0; i < nodes.size(); i++) {
            String to = nodes.get(i).to;
            if (!to.equals("ambient") && !names.contains(to)) {
                throw f.error("thermal.nodes[" + i + "].to", "unknown node '" + to + "'; use 'ambient' or one of " + names);
            }
        }
        Map<String, String> parent = new LinkedHashMap<>();
        for (SocProfile.ThermalNode node : nodes) {
            parent.put(node.name, node.to);
        }
        for (int i = 0; i < nodes.size(); i++) {
            String at = nodes.get(i).name;
            for (int steps = 0; !at.equals("ambient"); steps++) {
                if (steps > nodes.size()) {
                    throw f.error("thermal.nodes[" + i + "].to", "node " + nodes.get(i).name
                            + " never reaches ambient (a cycle)");
                }
                at = parent.get(at);
            }
        }
        return nodes;
    }

    private SocProfile.Processor processor(JsonNode node, String at, Set<String> nodeNames) {
        f.allowOnly(node, at, "name", "kind", "core", "cores", "source", "opps", "capacitance", "leakage", "idlePower",
                "idleEntryDelay", "idleExitLatency", "stallActivity", "throughput", "coreBandwidth", "launchOverhead",
                "kernelGap", "hostWait", "spinActivity", "memoryVote", "actuationDelay", "thermalNode");
        String kindText = f.text(node, at, "kind");
        SocProfile.Kind kind;
        if (kindText.equals("cpu")) {
            kind = SocProfile.Kind.CPU;
        } else if (kindText.equals("gpu")) {
            kind = SocProfile.Kind.GPU;
        } else {
            throw f.error(at + ".kind", "unknown kind '" + kindText + "'; use cpu or gpu");
        }
        String name = f.text(node, at, "name");
        if (kind == SocProfile.Kind.CPU && !name.matches("policy[0-9]+")) {
            throw f.error(at + ".name", "a CPU cluster is named after its cpufreq policy, e.g. policy0, not '" + name + "'");
        }
        if (kind == SocProfile.Kind.GPU && !name.equals("gpu")) {
            throw f.error(at + ".name", "the GPU must be named 'gpu', not '" + name + "'");
        }
        int cores = (int) f.integer(node, at, "cores", 1, 256);
        if (kind == SocProfile.Kind.GPU && cores != 1) {
            throw f.error(at + ".cores", "the GPU counts as one core (its throughput is for the whole GPU)");
        }
        JsonNode opps = f.object(node, at, "opps");
        String oppsAt = at + ".opps";
        f.allowOnly(opps, oppsAt, "frequencyUnit", "voltageUnit", "source", "points");
        f.requireSource(opps, oppsAt);
        double fScale = f.unit(opps, oppsAt, "frequencyUnit", Dimension.FREQUENCY);
        double vScale = f.unit(opps, oppsAt, "voltageUnit", Dimension.VOLTAGE);
        double[][] points = f.table(opps, oppsAt, 2, 4);
        long[] freqHz = new long[points.length];
        double[] voltageV = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            String pointAt = oppsAt + ".points[" + i + "]";
            f.checkCell(pointAt + "[0]", points[i][0] * fScale, Dimension.FREQUENCY, PROCESSOR_CLOCK);
            f.checkCell(pointAt + "[1]", points[i][1] * vScale, Dimension.VOLTAGE, VOLTAGE);
            freqHz[i] = Math.round(points[i][0] * fScale);
            voltageV[i] = points[i][1] * vScale;
            if (i > 0 && freqHz[i] <= freqHz[i - 1]) {
                throw f.error(pointAt, "operating points must be in ascending frequency order: "
                        + freqHz[i] + " Hz follows " + freqHz[i - 1] + " Hz");
            }
            if (i > 0 && voltageV[i] < voltageV[i - 1]) {
                throw f.error(pointAt, "voltage must not fall as frequency rises: " + voltageV[i]
                        + " V follows " + voltageV[i - 1] + " V");
            }
            if (points[i].length == 4) {
                voltageRange(pointAt, points, i, vScale, opps.get("source").asText());
            }
        }
        JsonNode leakage = f.object(node, at, "leakage");
        String leakAt = at + ".leakage";
        f.allowOnly(leakage, leakAt, "power", "voltage", "temperature", "perVolt", "perKelvin", "source");
        double[] flopsPerCycle = throughput(f.object(node, at, "throughput"), at + ".throughput");
        String thermalNode = f.text(node, at, "thermalNode");
        if (!nodeNames.contains(thermalNode)) {
            throw f.error(at + ".thermalNode", "unknown thermal node '" + thermalNode + "'; nodes: " + nodeNames);
        }
        boolean gpu = kind == SocProfile.Kind.GPU;
        double kernelGap = gpu ? f.quantity(node, at, "kernelGap", Dimension.TIME, PER_OPERATOR) : 0;
        boolean spins = gpu && hostWaitSpins(node, at);
        double spinActivity = spins ? f.quantity(node, at, "spinActivity", Dimension.RATIO, FRACTION) : 0;
        double memoryVote = gpu ? f.quantity(node, at, "memoryVote", Dimension.RATIO, MEMORY_VOTE) : 0;
        if (!gpu) {
            for (String gpuOnly : new String[] {"kernelGap", "hostWait", "spinActivity", "memoryVote"}) {
                if (node.has(gpuOnly)) {
                    throw f.error(at + "." + gpuOnly, "only the GPU has " + gpuOnly);
                }
            }
        }
        return new SocProfile.Processor(name, kind, f.text(node, at, "core"), cores, freqHz, voltageV,
                f.quantity(node, at, "capacitance", Dimension.CAPACITANCE, CAPACITANCE),
                f.quantity(leakage, leakAt, "power", Dimension.POWER, POWER),
                f.quantity(leakage, leakAt, "voltage", Dimension.VOLTAGE, VOLTAGE),
                f.quantity(leakage, leakAt, "temperature", Dimension.TEMPERATURE, TEMPERATURE),
                f.quantity(leakage, leakAt, "perVolt", Dimension.PER_VOLT, PER_VOLT),
                f.quantity(leakage, leakAt, "perKelvin", Dimension.PER_KELVIN, PER_KELVIN),
                f.quantity(node, at, "idlePower", Dimension.POWER, POWER),
                f.quantity(node, at, "idleEntryDelay", Dimension.TIME, IDLE_DELAY),
                f.quantity(node, at, "idleExitLatency", Dimension.TIME, IDLE_DELAY),
                f.quantity(node, at, "stallActivity", Dimension.RATIO, FRACTION), flopsPerCycle,
                f.quantity(node, at, "coreBandwidth", Dimension.BANDWIDTH, CORE_BANDWIDTH),
                f.quantity(node, at, "launchOverhead", Dimension.TIME, PER_OPERATOR), kernelGap, spins, spinActivity,
                memoryVote, f.quantity(node, at, "actuationDelay", Dimension.TIME, ACTUATION), thermalNode);
    }

    /** Row {@code i} of an OPP table with a voltage range {@code [f, V, Vmin, Vmax]}: checked and recorded. */
    private void voltageRange(String pointAt, double[][] points, int i, double vScale, String source) {
        double v = points[i][1] * vScale;
        double min = points[i][2] * vScale;
        double max = points[i][3] * vScale;
        f.checkCell(pointAt + "[2]", min, Dimension.VOLTAGE, VOLTAGE);
        f.checkCell(pointAt + "[3]", max, Dimension.VOLTAGE, VOLTAGE);
        if (!(min <= v && v <= max)) {
            throw f.error(pointAt, "voltage " + v + " V is outside its range [" + min + ", " + max + "] V");
        }
        if (i > 0 && points[i - 1].length == 4 && (min < points[i - 1][2] * vScale || max < points[i - 1][3] * vScale)) {
            throw f.error(pointAt, "the voltage range must not fall as frequency rises (so every draw keeps V(f) rising)");
        }
        f.addEstimate(pointAt + "[1]", v, min, max, Dimension.VOLTAGE, source);
    }

    private boolean hostWaitSpins(JsonNode node, String at) {
        String wait = f.text(node, at, "hostWait");
        if (!wait.equals("block") && !wait.equals("spin")) {
            throw f.error(at + ".hostWait", "unknown '" + wait + "'; use block (the host thread sleeps until the GPU "
                    + "finishes) or spin (it polls, as CUDA's default synchronisation does)");
        }
        return wait.equals("spin");
    }

    private double[] throughput(JsonNode throughput, String tpAt) {
        List<String> fields = new ArrayList<>(List.of("unit", "source"));
        for (OperatorClass operatorClass : OperatorClass.values()) {
            fields.add(operatorClass.id());
        }
        f.allowOnly(throughput, tpAt, fields.toArray(new String[0]));
        f.requireSource(throughput, tpAt);
        double scale = f.unit(throughput, tpAt, "unit", Dimension.FLOP_PER_CYCLE);
        double[] flopsPerCycle = new double[OperatorClass.values().length];
        for (OperatorClass operatorClass : OperatorClass.values()) {
            JsonNode value = throughput.get(operatorClass.id());
            if (value == null || !value.isNumber() || !FLOPS_PER_CYCLE.contains(value.doubleValue() * scale)) {
                throw f.error(tpAt + "." + operatorClass.id(), "missing or not a number "
                        + FLOPS_PER_CYCLE.describe(Dimension.FLOP_PER_CYCLE) + " (FLOP per cycle for "
                        + operatorClass.id() + " operators)");
            }
            flopsPerCycle[operatorClass.ordinal()] = value.doubleValue() * scale;
        }
        return flopsPerCycle;
    }

    private SocProfile.Bus bus(JsonNode node, String at) {
        f.allowOnly(node, at, "name", "opps", "bytesPerClock", "efficiency", "actuationDelay", "source");
        String name = f.text(node, at, "name");
        if (!name.matches("[a-z0-9_]+")) {
            throw f.error(at + ".name", "bus name '" + name + "' must be lower-case letters, digits or '_', e.g. ddr");
        }
        JsonNode opps = f.object(node, at, "opps");
        String oppsAt = at + ".opps";
        f.allowOnly(opps, oppsAt, "frequencyUnit", "energyPerByteUnit", "staticPowerUnit", "source", "points");
        f.requireSource(opps, oppsAt);
        double fScale = f.unit(opps, oppsAt, "frequencyUnit", Dimension.FREQUENCY);
        double eScale = f.unit(opps, oppsAt, "energyPerByteUnit", Dimension.ENERGY_PER_BYTE);
        double pScale = f.unit(opps, oppsAt, "staticPowerUnit", Dimension.POWER);
        double[][] points = f.table(opps, oppsAt, 3);
        int n = points.length;
        long[] freqHz = new long[n];
        double[] energy = new double[n];
        double[] power = new double[n];
        for (int i = 0; i < n; i++) {
            String pointAt = oppsAt + ".points[" + i + "]";
            f.checkCell(pointAt + "[0]", points[i][0] * fScale, Dimension.FREQUENCY, BUS_CLOCK);
            f.checkCell(pointAt + "[1]", points[i][1] * eScale, Dimension.ENERGY_PER_BYTE, ENERGY_PER_BYTE);
            f.checkCell(pointAt + "[2]", points[i][2] * pScale, Dimension.POWER, POWER);
            freqHz[i] = Math.round(points[i][0] * fScale);
            energy[i] = points[i][1] * eScale;
            power[i] = points[i][2] * pScale;
            if (i > 0 && freqHz[i] <= freqHz[i - 1]) {
                throw f.error(pointAt, "operating points must be in ascending frequency order: "
                        + freqHz[i] + " Hz follows " + freqHz[i - 1] + " Hz");
            }
        }
        double efficiency = f.quantity(node, at, "efficiency", Dimension.RATIO, FRACTION);
        if (efficiency <= 0) {
            throw f.error(at + ".efficiency.value", "must be above 0 (the share of peak bandwidth streams achieve)");
        }
        return new SocProfile.Bus(name, freqHz, f.quantity(node, at, "bytesPerClock", Dimension.BYTES, BYTES_PER_CLOCK),
                efficiency, energy, power, f.quantity(node, at, "actuationDelay", Dimension.TIME, ACTUATION));
    }

    private List<SocProfile.Trip> trips(JsonNode thermal, Set<String> nodeNames, List<SocProfile.Processor> processors,
            Set<String> procNames) {
        List<SocProfile.Trip> trips = new ArrayList<>();
        JsonNode array = f.array(thermal, "thermal", "trips");
        for (int i = 0; i < array.size(); i++) {
            String at = "thermal.trips[" + i + "]";
            JsonNode trip = f.element(array, i, at);
            f.allowOnly(trip, at, "node", "temperature", "hysteresis", "processor", "maxFrequency", "source");
            String node = f.text(trip, at, "node");
            if (!nodeNames.contains(node)) {
                throw f.error(at + ".node", "unknown thermal node '" + node + "'; nodes: " + nodeNames);
            }
            String procName = f.text(trip, at, "processor");
            SocProfile.Processor capped = null;
            for (SocProfile.Processor processor : processors) {
                if (processor.name.equals(procName)) {
                    capped = processor;
                }
            }
            if (capped == null) {
                throw f.error(at + ".processor", "unknown processor '" + procName + "'; processors: " + procNames);
            }
            long maxFreqHz = Math.round(f.quantity(trip, at, "maxFrequency", Dimension.FREQUENCY, PROCESSOR_CLOCK));
            if (Arrays.binarySearch(capped.freqHz, maxFreqHz) < 0) {
                throw f.error(at + ".maxFrequency", "cap " + maxFreqHz + " Hz is not an operating point of " + procName);
            }
            trips.add(new SocProfile.Trip(node, f.quantity(trip, at, "temperature", Dimension.TEMPERATURE, TEMPERATURE),
                    f.quantity(trip, at, "hysteresis", Dimension.TEMPERATURE_DELTA, HYSTERESIS), procName, maxFreqHz));
        }
        return trips;
    }

    private List<SocProfile.Sensor> sensors(JsonNode root, Set<String> procNames) {
        List<SocProfile.Sensor> sensors = new ArrayList<>();
        JsonNode array = f.array(root, "", "sensors");
        Set<String> domains = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "sensors[" + i + "]";
            SocProfile.Sensor sensor = sensor(f.element(array, i, at), at, procNames);
            if (!domains.add(sensor.domain)) {
                throw f.error(at + ".domain", "domain '" + sensor.domain + "' is measured by two sensors; give each its own");
            }
            sensors.add(sensor);
        }
        if (sensors.isEmpty()) {
            throw f.error("sensors", "a profile needs at least one sensor");
        }
        return sensors;
    }

    private SocProfile.Sensor sensor(JsonNode node, String at, Set<String> procNames) {
        f.allowOnly(node, at, "name", "type", "domain", "components", "resolution", "updatePeriod", "noise", "wrap",
                "source");
        f.requireSource(node, at);
        String type = f.text(node, at, "type");
        if (!type.equals("energy") && !type.equals("power")) {
            throw f.error(at + ".type", "unknown sensor type '" + type + "'; use energy (a cumulative counter) or power");
        }
        boolean energy = type.equals("energy");
        JsonNode comps = f.array(node, at, "components");
        List<String> components = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
            JsonNode comp = comps.get(i);
            String c = comp.isTextual() ? comp.textValue() : "";
            if (!(c.equals("*") || c.equals("cpu") || c.equals("gpu") || c.equals("mem") || c.equals("base")
                    || procNames.contains(c))) {
                throw f.error(at + ".components[" + i + "]", "unknown component '" + c
                        + "'; use *, cpu, gpu, mem, base or a processor name " + procNames);
            }
            components.add(c);
        }
        if (components.isEmpty()) {
            throw f.error(at + ".components", "a sensor measures at least one component");
        }
        double wrap = Double.POSITIVE_INFINITY;
        if (node.has("wrap") && !node.get("wrap").isNull()) {
            if (!energy) {
                throw f.error(at + ".wrap", "only energy counters wrap");
            }
            wrap = f.quantity(node, at, "wrap", Dimension.ENERGY, WRAP);
        }
        return new SocProfile.Sensor(f.text(node, at, "name"), energy, f.text(node, at, "domain"), components,
                energy ? f.quantity(node, at, "resolution", Dimension.ENERGY, SENSOR_ENERGY)
                        : f.quantity(node, at, "resolution", Dimension.POWER, SENSOR_POWER),
                f.quantity(node, at, "updatePeriod", Dimension.TIME, SENSOR_PERIOD),
                f.quantity(node, at, "noise", Dimension.RATIO, FRACTION), wrap);
    }

    /** A governor's block: its kernel name picks the {@link GovernorKind}, whose constants must all be there. */
    private SocProfile.GovernorSpec governor(JsonNode governors, GovernorKind.Role role,
            List<SocProfile.Processor> processors) {
        String at = "governors." + role.field;
        JsonNode node = f.object(governors, "governors", role.field);
        String name = f.text(node, at, "name");
        GovernorKind kind = GovernorKind.of(name, role);
        if (kind == null) {
            throw f.error(at + ".name", "no " + role.field + " governor '" + name + "' is modelled; use one of "
                    + GovernorKind.names(role));
        }
        f.requireSource(node, at);
        List<String> allowed = new ArrayList<>(List.of("name", "source"));
        for (GovernorKind.Param p : kind.params) {
            allowed.add(p.name);
        }
        f.allowOnly(node, at, allowed.toArray(new String[0]));
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perCluster = new LinkedHashMap<>();
        Map<String, double[]> lists = new LinkedHashMap<>();
        for (GovernorKind.Param p : kind.params) {
            if (p.perCluster) {
                JsonNode byCluster = f.object(node, at, p.name);
                Map<String, Double> clusterValues = new LinkedHashMap<>();
                List<String> clusters = new ArrayList<>();
                for (SocProfile.Processor proc : processors) {
                    if (proc.kind == SocProfile.Kind.CPU) {
                        clusters.add(proc.name);
                        clusterValues.put(proc.name, f.quantity(byCluster, at + "." + p.name, proc.name, p.dimension,
                                p.bounds));
                    }
                }
                f.allowOnly(byCluster, at + "." + p.name, clusters.toArray(new String[0]));
                perCluster.put(p.name, clusterValues);
            } else if (p.list) {
                lists.put(p.name, list(node, at, p));
            } else {
                values.put(p.name, f.quantity(node, at, p.name, p.dimension, p.bounds));
            }
        }
        return new SocProfile.GovernorSpec(name, node.get("source").asText(), values, perCluster, lists);
    }

    /** A list constant {@code {"values": [...], "unit", "source"}}, ascending. */
    private double[] list(JsonNode node, String at, GovernorKind.Param p) {
        JsonNode q = f.object(node, at, p.name);
        String qAt = at + "." + p.name;
        f.allowOnly(q, qAt, "values", "unit", "source");
        f.requireSource(q, qAt);
        double factor = f.unit(q, qAt, "unit", p.dimension);
        JsonNode values = f.array(q, qAt, "values");
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = values.get(i);
            double si = v.isNumber() ? v.doubleValue() * factor : Double.NaN;
            if (!p.bounds.contains(si) || (i > 0 && si <= out[i - 1])) {
                throw f.error(qAt + ".values[" + i + "]", "values must be ascending and "
                        + p.bounds.describe(p.dimension) + ", got " + v);
            }
            out[i] = si;
        }
        return out;
    }
}
