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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.workload.OperatorClass;

/**
 * Reads device profiles from JSON and validates them completely before anything is built, so a
 * bad file never yields half a device. Every number is a quantity {@code {"value": 680, "unit":
 * "MHz", "source": "..."}} (or a table whose units and source sit beside its points); units are
 * converted to SI here. Errors are {@link ProfileException}s naming the file and the field.
 */
public final class ProfileLoader {

    /** The built-in profiles, as resources under {@code /profiles/NAME.json}. */
    public static final List<String> BUILT_IN = List.of("snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano",
            "jetson-tx2");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A physical dimension and the units a profile may write it in, with the factor to SI. */
    enum Dimension {
        FREQUENCY("Hz", 1, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9),
        VOLTAGE("V", 1, "mV", 1e-3),
        POWER("W", 1, "mW", 1e-3, "uW", 1e-6),
        ENERGY("J", 1, "mJ", 1e-3, "uJ", 1e-6, "nJ", 1e-9),
        CAPACITANCE("F", 1, "nF", 1e-9, "pF", 1e-12),
        TIME("s", 1, "ms", 1e-3, "us", 1e-6, "ns", 1e-9),
        TEMPERATURE("C", 1),
        TEMPERATURE_DELTA("K", 1, "C", 1),
        THERMAL_RESISTANCE("K/W", 1),
        THERMAL_CAPACITANCE("J/K", 1),
        BANDWIDTH("B/s", 1, "MB/s", 1e6, "GB/s", 1e9),
        ENERGY_PER_BYTE("J/B", 1, "nJ/B", 1e-9, "pJ/B", 1e-12),
        RATIO("1", 1, "%", 0.01),
        PER_VOLT("1/V", 1, "1/mV", 1e3),
        PER_KELVIN("1/K", 1),
        FLOP_PER_CYCLE("FLOP/cycle", 1);

        private final Map<String, Double> factors = new LinkedHashMap<>();

        Dimension(Object... unitsAndFactors) {
            for (int i = 0; i < unitsAndFactors.length; i += 2) {
                factors.put((String) unitsAndFactors[i], ((Number) unitsAndFactors[i + 1]).doubleValue());
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final String file;

    private ProfileLoader(String file) {
        this.file = file;
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
        return new ProfileLoader(file).profile(root);
    }

    private SocProfile profile(JsonNode root) {
        allowOnly(root, "", "name", "soc", "description", "source", "processors", "memory", "basePower", "baseNode",
                "batchOverhead", "switchEnergy", "thermal", "sensors", "governors", "knobs");
        String name = text(root, "", "name");
        if (!name.matches("[a-z0-9][a-z0-9\\-]*")) {
            throw error("name", "'" + name + "' must be lower-case words joined by '-', e.g. snapdragon-8-gen-2");
        }
        String soc = text(root, "", "soc");
        String description = text(root, "", "description");

        JsonNode thermal = object(root, "", "thermal");
        allowOnly(thermal, "thermal", "ambient", "nodes", "trips", "source");
        double ambientC = quantity(thermal, "thermal", "ambient", Dimension.TEMPERATURE);
        List<SocProfile.ThermalNode> nodes = new ArrayList<>();
        Set<String> nodeNames = new HashSet<>();
        JsonNode nodeArray = array(thermal, "thermal", "nodes");
        for (int i = 0; i < nodeArray.size(); i++) {
            String at = "thermal.nodes[" + i + "]";
            JsonNode node = element(nodeArray, i, at);
            allowOnly(node, at, "name", "capacitance", "resistance", "to", "source");
            String nodeName = text(node, at, "name");
            if (!nodeNames.add(nodeName) || nodeName.equals("ambient")) {
                throw error(at + ".name", "node '" + nodeName + "' is defined twice or is the reserved name 'ambient'");
            }
            nodes.add(new SocProfile.ThermalNode(nodeName,
                    positive(node, at, "capacitance", Dimension.THERMAL_CAPACITANCE),
                    positive(node, at, "resistance", Dimension.THERMAL_RESISTANCE), text(node, at, "to")));
        }
        for (int i = 0; i < nodes.size(); i++) {
            String to = nodes.get(i).to;
            if (!to.equals("ambient") && !nodeNames.contains(to)) {
                throw error("thermal.nodes[" + i + "].to", "unknown node '" + to + "'; use 'ambient' or one of " + nodeNames);
            }
        }
        requireAcyclic(nodes);

        List<SocProfile.Processor> processors = new ArrayList<>();
        JsonNode procArray = array(root, "", "processors");
        Set<String> procNames = new HashSet<>();
        boolean gpuSeen = false;
        for (int i = 0; i < procArray.size(); i++) {
            SocProfile.Processor processor = processor(element(procArray, i, "processors[" + i + "]"),
                    "processors[" + i + "]", nodeNames);
            if (!procNames.add(processor.name)) {
                throw error("processors[" + i + "].name", "processor '" + processor.name + "' is defined twice");
            }
            if (processor.kind == SocProfile.Kind.GPU) {
                if (gpuSeen) {
                    throw error("processors[" + i + "].kind", "only one gpu per profile");
                }
                gpuSeen = true;
            }
            processors.add(processor);
        }
        if (processors.isEmpty()) {
            throw error("processors", "a profile needs at least one processor");
        }

        List<SocProfile.Bus> buses = new ArrayList<>();
        JsonNode memArray = array(root, "", "memory");
        Set<String> busNames = new HashSet<>();
        for (int i = 0; i < memArray.size(); i++) {
            SocProfile.Bus bus = bus(element(memArray, i, "memory[" + i + "]"), "memory[" + i + "]");
            if (!busNames.add(bus.name)) {
                throw error("memory[" + i + "].name", "bus '" + bus.name + "' is defined twice");
            }
            buses.add(bus);
        }
        if (buses.isEmpty()) {
            throw error("memory", "a profile needs at least one memory bus");
        }

        double basePowerW = nonNegative(root, "", "basePower", Dimension.POWER);
        String baseNode = text(root, "", "baseNode");
        if (!nodeNames.contains(baseNode)) {
            throw error("baseNode", "unknown thermal node '" + baseNode + "'; nodes: " + nodeNames);
        }
        double batchOverheadS = nonNegative(root, "", "batchOverhead", Dimension.TIME);
        double switchEnergyJ = nonNegative(root, "", "switchEnergy", Dimension.ENERGY);

        List<SocProfile.Trip> trips = new ArrayList<>();
        JsonNode tripArray = array(thermal, "thermal", "trips");
        for (int i = 0; i < tripArray.size(); i++) {
            String at = "thermal.trips[" + i + "]";
            JsonNode trip = element(tripArray, i, at);
            allowOnly(trip, at, "node", "temperature", "hysteresis", "processor", "maxFrequency", "source");
            String node = text(trip, at, "node");
            if (!nodeNames.contains(node)) {
                throw error(at + ".node", "unknown thermal node '" + node + "'; nodes: " + nodeNames);
            }
            String procName = text(trip, at, "processor");
            SocProfile.Processor capped = null;
            for (SocProfile.Processor processor : processors) {
                if (processor.name.equals(procName)) {
                    capped = processor;
                }
            }
            if (capped == null) {
                throw error(at + ".processor", "unknown processor '" + procName + "'; processors: " + procNames);
            }
            double maxFreq = quantity(trip, at, "maxFrequency", Dimension.FREQUENCY);
            long maxFreqHz = Math.round(maxFreq);
            if (Arrays.binarySearch(capped.freqHz, maxFreqHz) < 0) {
                throw error(at + ".maxFrequency", "cap " + maxFreqHz + " Hz is not an operating point of " + procName);
            }
            trips.add(new SocProfile.Trip(node, quantity(trip, at, "temperature", Dimension.TEMPERATURE),
                    nonNegative(trip, at, "hysteresis", Dimension.TEMPERATURE_DELTA), procName, maxFreqHz));
        }

        List<SocProfile.Sensor> sensors = new ArrayList<>();
        JsonNode sensorArray = array(root, "", "sensors");
        Set<String> domains = new HashSet<>();
        for (int i = 0; i < sensorArray.size(); i++) {
            String at = "sensors[" + i + "]";
            SocProfile.Sensor sensor = sensor(element(sensorArray, i, at), at, procNames);
            if (!domains.add(sensor.domain)) {
                throw error(at + ".domain", "domain '" + sensor.domain + "' is measured by two sensors; give each its own");
            }
            sensors.add(sensor);
        }
        if (sensors.isEmpty()) {
            throw error("sensors", "a profile needs at least one sensor");
        }

        JsonNode governors = object(root, "", "governors");
        allowOnly(governors, "governors", "cpu", "gpu", "memory", "source");
        JsonNode cpu = object(governors, "governors", "cpu");
        allowOnly(cpu, "governors.cpu", "name", "headroom", "period", "upRateLimit", "downRateLimit", "utilHalfLife",
                "source");
        SocProfile.CpuGovernor cpuGovernor = new SocProfile.CpuGovernor(text(cpu, "governors.cpu", "name"),
                positive(cpu, "governors.cpu", "headroom", Dimension.RATIO),
                positive(cpu, "governors.cpu", "period", Dimension.TIME),
                nonNegative(cpu, "governors.cpu", "upRateLimit", Dimension.TIME),
                nonNegative(cpu, "governors.cpu", "downRateLimit", Dimension.TIME),
                positive(cpu, "governors.cpu", "utilHalfLife", Dimension.TIME));
        JsonNode gpu = object(governors, "governors", "gpu");
        allowOnly(gpu, "governors.gpu", "name", "period", "upThreshold", "downThreshold", "source");
        SocProfile.GpuGovernor gpuGovernor = new SocProfile.GpuGovernor(text(gpu, "governors.gpu", "name"),
                positive(gpu, "governors.gpu", "period", Dimension.TIME),
                fraction(gpu, "governors.gpu", "upThreshold"), fraction(gpu, "governors.gpu", "downThreshold"));
        if (gpuGovernor.downThreshold >= gpuGovernor.upThreshold) {
            throw error("governors.gpu.downThreshold", "must be below upThreshold");
        }
        JsonNode mem = object(governors, "governors", "memory");
        allowOnly(mem, "governors.memory", "name", "period", "ioPercent", "downHysteresis", "source");
        double io = fraction(mem, "governors.memory", "ioPercent");
        if (io <= 0) {
            throw error("governors.memory.ioPercent", "must be positive");
        }
        SocProfile.BusGovernor busGovernor = new SocProfile.BusGovernor(text(mem, "governors.memory", "name"),
                positive(mem, "governors.memory", "period", Dimension.TIME), io,
                (int) integer(mem, "governors.memory", "downHysteresis", 0));

        JsonNode knobs = object(root, "", "knobs");
        allowOnly(knobs, "knobs", "batch", "threads", "defaultThreads", "source");
        long[] batch = ascendingCounts(knobs, "knobs", "batch");
        long[] threads = ascendingCounts(knobs, "knobs", "threads");
        long defaultThreads = integer(knobs, "knobs", "defaultThreads", 1);
        if (Arrays.binarySearch(threads, defaultThreads) < 0) {
            throw error("knobs.defaultThreads", defaultThreads + " is not one of knobs.threads " + Arrays.toString(threads));
        }
        return new SocProfile(name, soc, description, processors, buses, basePowerW, baseNode, batchOverheadS,
                switchEnergyJ, ambientC, nodes, trips, sensors, cpuGovernor, gpuGovernor, busGovernor, batch, threads,
                defaultThreads);
    }

    private SocProfile.Processor processor(JsonNode node, String at, Set<String> nodeNames) {
        allowOnly(node, at, "name", "kind", "core", "cores", "source", "opps", "capacitance", "leakage", "idlePower",
                "stallActivity", "throughput", "coreBandwidth", "launchOverhead", "actuationDelay", "thermalNode");
        String kindText = text(node, at, "kind");
        SocProfile.Kind kind;
        if (kindText.equals("cpu")) {
            kind = SocProfile.Kind.CPU;
        } else if (kindText.equals("gpu")) {
            kind = SocProfile.Kind.GPU;
        } else {
            throw error(at + ".kind", "unknown kind '" + kindText + "'; use cpu or gpu");
        }
        String name = text(node, at, "name");
        if (kind == SocProfile.Kind.CPU && !name.matches("policy[0-9]+")) {
            throw error(at + ".name", "a CPU cluster is named after its cpufreq policy, e.g. policy0, not '" + name + "'");
        }
        if (kind == SocProfile.Kind.GPU && !name.equals("gpu")) {
            throw error(at + ".name", "the GPU must be named 'gpu', not '" + name + "'");
        }
        int cores = (int) integer(node, at, "cores", 1);
        if (kind == SocProfile.Kind.GPU && cores != 1) {
            throw error(at + ".cores", "the GPU counts as one core (its throughput is for the whole GPU)");
        }
        JsonNode opps = object(node, at, "opps");
        String oppsAt = at + ".opps";
        allowOnly(opps, oppsAt, "frequencyUnit", "voltageUnit", "source", "points");
        requireSource(opps, oppsAt);
        double fScale = unit(opps, oppsAt, "frequencyUnit", Dimension.FREQUENCY);
        double vScale = unit(opps, oppsAt, "voltageUnit", Dimension.VOLTAGE);
        double[][] points = table(opps, oppsAt, 2);
        long[] freqHz = new long[points.length];
        double[] voltageV = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            freqHz[i] = Math.round(points[i][0] * fScale);
            voltageV[i] = points[i][1] * vScale;
            if (freqHz[i] < 1_000_000L) {
                throw error(oppsAt + ".points[" + i + "]", "frequency " + freqHz[i] + " Hz is below 1 MHz; check frequencyUnit");
            }
            if (!(voltageV[i] > 0 && voltageV[i] < 2)) {
                throw error(oppsAt + ".points[" + i + "]", "voltage " + voltageV[i] + " V is not in (0, 2) V; check voltageUnit");
            }
            if (i > 0 && freqHz[i] <= freqHz[i - 1]) {
                throw error(oppsAt + ".points[" + i + "]", "operating points must be in ascending frequency order: "
                        + freqHz[i] + " Hz follows " + freqHz[i - 1] + " Hz");
            }
            if (i > 0 && voltageV[i] < voltageV[i - 1]) {
                throw error(oppsAt + ".points[" + i + "]", "voltage must not fall as frequency rises: " + voltageV[i]
                        + " V follows " + voltageV[i - 1] + " V");
            }
        }
        JsonNode leakage = object(node, at, "leakage");
        String leakAt = at + ".leakage";
        allowOnly(leakage, leakAt, "power", "voltage", "temperature", "perVolt", "perKelvin", "source");
        JsonNode throughput = object(node, at, "throughput");
        String tpAt = at + ".throughput";
        List<String> tpFields = new ArrayList<>();
        tpFields.add("unit");
        tpFields.add("source");
        double[] flopsPerCycle = new double[OperatorClass.values().length];
        for (OperatorClass operatorClass : OperatorClass.values()) {
            tpFields.add(operatorClass.id());
        }
        allowOnly(throughput, tpAt, tpFields.toArray(new String[0]));
        requireSource(throughput, tpAt);
        double tpScale = unit(throughput, tpAt, "unit", Dimension.FLOP_PER_CYCLE);
        for (OperatorClass operatorClass : OperatorClass.values()) {
            JsonNode value = throughput.get(operatorClass.id());
            if (value == null || !value.isNumber() || !(value.doubleValue() > 0)) {
                throw error(tpAt + "." + operatorClass.id(), "missing or not a positive number (FLOP per cycle for "
                        + operatorClass.id() + " operators)");
            }
            flopsPerCycle[operatorClass.ordinal()] = value.doubleValue() * tpScale;
        }
        String thermalNode = text(node, at, "thermalNode");
        if (!nodeNames.contains(thermalNode)) {
            throw error(at + ".thermalNode", "unknown thermal node '" + thermalNode + "'; nodes: " + nodeNames);
        }
        double stall = fraction(node, at, "stallActivity");
        double actuation = positive(node, at, "actuationDelay", Dimension.TIME);
        return new SocProfile.Processor(name, kind, text(node, at, "core"), cores, freqHz, voltageV,
                positive(node, at, "capacitance", Dimension.CAPACITANCE),
                nonNegative(leakage, leakAt, "power", Dimension.POWER),
                positive(leakage, leakAt, "voltage", Dimension.VOLTAGE),
                quantity(leakage, leakAt, "temperature", Dimension.TEMPERATURE),
                nonNegative(leakage, leakAt, "perVolt", Dimension.PER_VOLT),
                nonNegative(leakage, leakAt, "perKelvin", Dimension.PER_KELVIN),
                nonNegative(node, at, "idlePower", Dimension.POWER), stall, flopsPerCycle,
                positive(node, at, "coreBandwidth", Dimension.BANDWIDTH),
                nonNegative(node, at, "launchOverhead", Dimension.TIME), actuation, thermalNode);
    }

    private SocProfile.Bus bus(JsonNode node, String at) {
        allowOnly(node, at, "name", "opps", "actuationDelay", "source");
        String name = text(node, at, "name");
        if (!name.matches("[a-z0-9_]+")) {
            throw error(at + ".name", "bus name '" + name + "' must be lower-case letters, digits or '_', e.g. ddr");
        }
        JsonNode opps = object(node, at, "opps");
        String oppsAt = at + ".opps";
        allowOnly(opps, oppsAt, "frequencyUnit", "bandwidthUnit", "energyPerByteUnit", "staticPowerUnit", "source",
                "points");
        requireSource(opps, oppsAt);
        double fScale = unit(opps, oppsAt, "frequencyUnit", Dimension.FREQUENCY);
        double bwScale = unit(opps, oppsAt, "bandwidthUnit", Dimension.BANDWIDTH);
        double eScale = unit(opps, oppsAt, "energyPerByteUnit", Dimension.ENERGY_PER_BYTE);
        double pScale = unit(opps, oppsAt, "staticPowerUnit", Dimension.POWER);
        double[][] points = table(opps, oppsAt, 4);
        int n = points.length;
        long[] freqHz = new long[n];
        double[] bw = new double[n];
        double[] energy = new double[n];
        double[] power = new double[n];
        for (int i = 0; i < n; i++) {
            String pointAt = oppsAt + ".points[" + i + "]";
            freqHz[i] = Math.round(points[i][0] * fScale);
            bw[i] = points[i][1] * bwScale;
            energy[i] = points[i][2] * eScale;
            power[i] = points[i][3] * pScale;
            if (freqHz[i] < 1_000_000L) {
                throw error(pointAt, "frequency " + freqHz[i] + " Hz is below 1 MHz; check frequencyUnit");
            }
            if (!(bw[i] > 0) || !(energy[i] > 0) || !(power[i] >= 0)) {
                throw error(pointAt, "bandwidth and energy per byte must be positive, static power not negative");
            }
            if (i > 0 && (freqHz[i] <= freqHz[i - 1] || bw[i] < bw[i - 1])) {
                throw error(pointAt, "operating points must be in ascending frequency (and bandwidth) order: "
                        + freqHz[i] + " Hz follows " + freqHz[i - 1] + " Hz");
            }
        }
        return new SocProfile.Bus(name, freqHz, bw, energy, power, positive(node, at, "actuationDelay", Dimension.TIME));
    }

    private SocProfile.Sensor sensor(JsonNode node, String at, Set<String> procNames) {
        allowOnly(node, at, "name", "type", "domain", "components", "resolution", "updatePeriod", "noise", "wrap",
                "source");
        requireSource(node, at);
        String type = text(node, at, "type");
        boolean energy;
        if (type.equals("energy")) {
            energy = true;
        } else if (type.equals("power")) {
            energy = false;
        } else {
            throw error(at + ".type", "unknown sensor type '" + type + "'; use energy (a cumulative counter) or power");
        }
        JsonNode comps = array(node, at, "components");
        List<String> components = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
            JsonNode comp = comps.get(i);
            String c = comp.isTextual() ? comp.textValue() : "";
            if (!(c.equals("*") || c.equals("cpu") || c.equals("gpu") || c.equals("mem") || c.equals("base")
                    || procNames.contains(c))) {
                throw error(at + ".components[" + i + "]", "unknown component '" + c
                        + "'; use *, cpu, gpu, mem, base or a processor name " + procNames);
            }
            components.add(c);
        }
        if (components.isEmpty()) {
            throw error(at + ".components", "a sensor measures at least one component");
        }
        double wrap = Double.POSITIVE_INFINITY;
        if (node.has("wrap") && !node.get("wrap").isNull()) {
            if (!energy) {
                throw error(at + ".wrap", "only energy counters wrap");
            }
            wrap = positive(node, at, "wrap", Dimension.ENERGY);
        }
        return new SocProfile.Sensor(text(node, at, "name"), energy, text(node, at, "domain"), components,
                positive(node, at, "resolution", energy ? Dimension.ENERGY : Dimension.POWER),
                positive(node, at, "updatePeriod", Dimension.TIME), fraction(node, at, "noise"), wrap);
    }

    private static void requireAcyclic(List<SocProfile.ThermalNode> nodes) {
        Map<String, String> parent = new LinkedHashMap<>();
        for (SocProfile.ThermalNode node : nodes) {
            parent.put(node.name, node.to);
        }
        for (SocProfile.ThermalNode node : nodes) {
            String at = node.name;
            for (int steps = 0; !at.equals("ambient"); steps++) {
                if (steps > nodes.size()) {
                    throw new IllegalArgumentException("thermal node " + node.name + " never reaches ambient (a cycle)");
                }
                at = parent.get(at);
            }
        }
    }

    // ---- field readers: each names the file and the field on failure ----

    private ProfileException error(String field, String problem) {
        return new ProfileException(file, field, problem);
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private void allowOnly(JsonNode node, String at, String... allowed) {
        Set<String> known = new HashSet<>(Arrays.asList(allowed));
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(path(at, name), "unknown field; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    private JsonNode required(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(path(at, field), "missing (required)");
        }
        return value;
    }

    private JsonNode element(JsonNode array, int index, String at) {
        JsonNode value = array.get(index);
        if (!value.isObject()) {
            throw error(at, "must be an object");
        }
        return value;
    }

    private String text(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isTextual() || value.textValue().trim().isEmpty()) {
            throw error(path(at, field), "must be a non-empty string");
        }
        return value.textValue();
    }

    private JsonNode object(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isObject()) {
            throw error(path(at, field), "must be an object");
        }
        return value;
    }

    private JsonNode array(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isArray()) {
            throw error(path(at, field), "must be an array");
        }
        return value;
    }

    private long integer(JsonNode node, String at, String field, long min) {
        JsonNode value = required(node, at, field);
        if (!value.isIntegralNumber() || value.longValue() < min) {
            throw error(path(at, field), "must be an integer >= " + min);
        }
        return value.longValue();
    }

    private long[] ascendingCounts(JsonNode node, String at, String field) {
        JsonNode values = array(node, at, field);
        if (values.size() == 0) {
            throw error(path(at, field), "needs at least one value");
        }
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode value = values.get(i);
            if (!value.isIntegralNumber() || value.longValue() < 1 || (i > 0 && value.longValue() <= result[i - 1])) {
                throw error(path(at, field) + "[" + i + "]", "values must be positive integers in ascending order");
            }
            result[i] = value.longValue();
        }
        return result;
    }

    private void requireSource(JsonNode node, String at) {
        JsonNode source = node.get("source");
        if (source == null || !source.isTextual() || source.textValue().trim().isEmpty()) {
            throw error(path(at, "source"), "missing: every number needs its source (a datasheet, a device tree, a paper,"
                    + " or \"estimated: <reasoning>\")");
        }
    }

    private double unit(JsonNode node, String at, String field, Dimension dimension) {
        String unit = text(node, at, field);
        Double factor = dimension.factors.get(unit);
        if (factor == null) {
            throw error(path(at, field), "unknown unit '" + unit + "' for " + dimension.label() + "; use one of "
                    + String.join(", ", dimension.factors.keySet()));
        }
        return factor;
    }

    /** A quantity {@code {"value", "unit", "source"}} converted to SI. */
    private double quantity(JsonNode node, String at, String field, Dimension dimension) {
        JsonNode q = required(node, at, field);
        String qAt = path(at, field);
        if (!q.isObject()) {
            throw error(qAt, "must be a quantity like {\"value\": 1.5, \"unit\": \""
                    + dimension.factors.keySet().iterator().next() + "\", \"source\": \"...\"}");
        }
        allowOnly(q, qAt, "value", "unit", "source");
        JsonNode value = required(q, qAt, "value");
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw error(qAt + ".value", "must be a finite number");
        }
        double factor = unit(q, qAt, "unit", dimension);
        requireSource(q, qAt);
        return value.doubleValue() * factor;
    }

    private double positive(JsonNode node, String at, String field, Dimension dimension) {
        double value = quantity(node, at, field, dimension);
        if (!(value > 0)) {
            throw error(path(at, field) + ".value", "must be positive, got " + node.get(field).get("value"));
        }
        return value;
    }

    private double nonNegative(JsonNode node, String at, String field, Dimension dimension) {
        double value = quantity(node, at, field, dimension);
        if (!(value >= 0)) {
            throw error(path(at, field) + ".value", "must not be negative, got " + node.get(field).get("value"));
        }
        return value;
    }

    private double fraction(JsonNode node, String at, String field) {
        double value = quantity(node, at, field, Dimension.RATIO);
        if (!(value >= 0 && value <= 1)) {
            throw error(path(at, field) + ".value", "must be between 0 and 1 (0% and 100%)");
        }
        return value;
    }

    private double[][] table(JsonNode node, String at, int columns) {
        JsonNode points = array(node, at, "points");
        if (points.size() == 0) {
            throw error(path(at, "points"), "needs at least one operating point");
        }
        double[][] result = new double[points.size()][columns];
        for (int i = 0; i < points.size(); i++) {
            JsonNode row = points.get(i);
            String rowAt = path(at, "points") + "[" + i + "]";
            if (!row.isArray() || row.size() != columns) {
                throw error(rowAt, "each point is an array of " + columns + " numbers");
            }
            for (int c = 0; c < columns; c++) {
                if (!row.get(c).isNumber() || !Double.isFinite(row.get(c).doubleValue())) {
                    throw error(rowAt + "[" + c + "]", "must be a finite number");
                }
                result[i][c] = row.get(c).doubleValue();
            }
        }
        return result;
    }
}
