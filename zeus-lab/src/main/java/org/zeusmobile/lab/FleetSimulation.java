package org.zeusmobile.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Traffic;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.sim.SimulatedDevice;
import org.zeusmobile.store.JdbcProfileStore;
import org.zeusmobile.store.ProfileKey;
import org.zeusmobile.store.StoreLocation;

/**
 * A simulated fleet of boards of one SoC sharing one profile store: each board is the built-in profile with its
 * own cooling (the package's thermal resistance to ambient) and silicon (leakage power), and its own sensor
 * seed. Board 1 meets an empty store and warm-starts with BO on itself; boards 2 to N-1 then run at once (the
 * store's concurrent writers), each starting from the fleet and writing its windows back; board N starts from
 * all of them. Each board runs as {@code optimize} does on a real one ({@link LiveOptimization}: default, then
 * the hybrid). A write phase then measures the store's throughput with N writers at once.
 */
public final class FleetSimulation {

    /** Configurations within this factor of the best static one's true cost count as settled. */
    static final double NEAR_OPTIMAL = 1.05;
    /** Consecutive near-optimal windows that make a board settled. */
    static final int SETTLED_RUN = 10;
    /** How long a middle board waits for the others to read their warm starts: far longer than a run takes. */
    private static final long BARRIER_TIMEOUT_MIN = 10;

    /** How the fleet is made and run. */
    public static final class Options {
        /**
         * A fleet of boards. At eta 1 the hybrid leaves the governors on the Orin Nano (best static about 12% below
         * them); on the simulated 8 Gen 2 it keeps them (noted: the oracle is 7.5% below there).
         */
        String soc = "jetson-orin-nano";
        int boards = 20;
        long defaultNs = 30_000_000_000L;
        long probesNs = 15_000_000_000L;
        long hybridNs = 240_000_000_000L;
        int writesPerWriter = 200;
        ModelProfiler model = TransformerStandIn.minilm("gpu");
        int inputSize = 128;

        public Options boards(int count) {
            if (count < 2) {
                throw new IllegalArgumentException("a fleet needs at least 2 boards, got " + count);
            }
            this.boards = count;
            return this;
        }

        /** How long each board runs default, default-batched's probes, then the hybrid (device time). */
        public Options durationsNs(long defaultNs, long probesNs, long hybridNs) {
            this.defaultNs = defaultNs;
            this.probesNs = probesNs;
            this.hybridNs = hybridNs;
            return this;
        }

        /** Window writes per writer in the throughput phase. */
        public Options writesPerWriter(int writes) {
            this.writesPerWriter = writes;
            return this;
        }
    }

    /** One board's run. */
    public static final class Board {
        public final int index;
        public final String deviceId;
        /** The package's thermal resistance and the leakage power, relative to the built-in profile. */
        public final double coolingScale;
        public final double leakageScale;
        /** Whether the store had anything for it when it started, and how many other boards stood behind it. */
        public boolean startedFromStore;
        public int otherBoardsBehindItsStart;
        /** Windows run before {@link #SETTLED_RUN} consecutive windows at near-optimal configurations; null: never. */
        public Integer windowsToSettle;
        public int hybridWindows;
        /** Hybrid windows written to the store, and the windows the store holds for this board afterwards. */
        public long recordedWindows;
        public long storedWindows;
        /**
         * The true cost (simulator's noise-free model) of the configuration the hybrid ran last, over the best
         * static configuration's: how close to optimal the board ended.
         */
        public double lastCostVsBest;

        Board(int index, String deviceId, double coolingScale, double leakageScale) {
            this.index = index;
            this.deviceId = deviceId;
            this.coolingScale = coolingScale;
            this.leakageScale = leakageScale;
        }
    }

    /** What the fleet showed. */
    public static final class Result {
        public final List<Board> boards = new ArrayList<>();
        public int writers;
        public long writes;
        public double writeSeconds;
        /** Windows the write phase added to the store, read back: equal to {@link #writes} when none was lost. */
        public long writesStored;

        public double writesPerSecond() {
            return writes / writeSeconds;
        }

        /** One line per board, then the write phase: for people. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            for (Board b : boards) {
                text.append(String.format(Locale.ROOT, "board %2d  cooling x%.2f leakage x%.2f  %s  settled after %s "
                        + "of %d windows  last window %s  windows recorded %d, stored %d%n", b.index,
                        b.coolingScale, b.leakageScale, b.startedFromStore ? String.format(Locale.ROOT,
                                "fleet prior (%2d other boards)", b.otherBoardsBehindItsStart)
                                : "no prior: BO on the board  ", b.windowsToSettle == null ? "never"
                                : b.windowsToSettle.toString(), b.hybridWindows, Double.isNaN(b.lastCostVsBest) ? "at the governed arm"
                                : String.format(Locale.ROOT, "at %.3fx the best static cost", b.lastCostVsBest),
                        b.recordedWindows,
                        b.storedWindows));
            }
            text.append(String.format(Locale.ROOT, "%d writers x %d windows: %.0f writes/s (%d written, %d stored)%n",
                    writers, writes / Math.max(1, writers), writesPerSecond(), writes, writesStored));
            return text.toString();
        }
    }

    private final StoreLocation store;
    private final Path workDirectory;
    private final Options options;

    public FleetSimulation(StoreLocation store, Path workDirectory, Options options) {
        this.store = store;
        this.workDirectory = workDirectory;
        this.options = options;
    }

    public Result run() throws Exception {
        Result result = new Result();
        for (int i = 1; i <= options.boards; i++) {
            // Cooling from 0.8x (a dev kit with a fan) to 1.4x (a phone in a case), leakage 0.9x to 1.15x, spread.
            double cooling = 0.8 + 0.6 * ((i * 7) % options.boards) / (options.boards - 1.0);
            double leakage = 0.9 + 0.25 * ((i * 11) % options.boards) / (options.boards - 1.0);
            result.boards.add(new Board(i, "fleet-board-" + i, cooling, leakage));
        }
        runBoard(result.boards.get(0), null);
        List<Board> middle = result.boards.subList(1, options.boards - 1);
        // The middle boards start together from what board 1 left: each has read its warm start before any of
        // them writes, so every run of the simulation gives each board the same start, however threads are scheduled.
        final CyclicBarrier loaded = new CyclicBarrier(Math.max(1, middle.size()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, middle.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (final Board board : middle) {
                done.add(pool.submit(() -> {
                    runBoard(board, loaded);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        runBoard(result.boards.get(options.boards - 1), null);
        measureWrites(result);
        return result;
    }

    /** The built-in profile with this board's cooling and leakage, as a profile file. */
    private Path boardProfile(Board board) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root;
        try (InputStream in = SimulatedDevice.class.getResourceAsStream("/profiles/" + options.soc + ".json")) {
            root = json.readTree(in);
        }
        for (JsonNode node : root.path("thermal").path("nodes")) {
            if (node.path("to").asText().equals("ambient")) { // the package: how well the board is cooled
                scale((ObjectNode) node.path("resistance"), board.coolingScale);
            }
        }
        for (JsonNode processor : root.path("processors")) {
            scale((ObjectNode) processor.path("leakage").path("power"), board.leakageScale);
        }
        Path file = workDirectory.resolve("board-" + board.index + ".json");
        Files.createDirectories(workDirectory);
        json.writeValue(file.toFile(), root);
        return file;
    }

    private static void scale(ObjectNode quantity, double factor) {
        quantity.put("value", quantity.path("value").asDouble() * factor);
        ObjectNode parent = quantity;
        if (parent.has("source")) {
            parent.put("source", parent.path("source").asText() + " (scaled x" + factor + " for a simulated fleet board)");
        }
    }

    /** Runs one board; with {@code loaded}, its hybrid waits there (after reading the store) for the others. */
    private void runBoard(Board board, final CyclicBarrier loaded) throws IOException {
        Path profile = boardProfile(board);
        ProfileStore profiles = ProfileStore.open(store, board.deviceId);
        final List<Configuration> ran = new ArrayList<>();
        final long[] pinnedWindows = new long[1];
        RunObserver observer = (strategy, seed, sloS) -> {
            if (!strategy.equals(Strategies.HYBRID)) {
                return null;
            }
            awaitOthers(loaded, board);
            Controller.Listener seen = window -> {
                ran.add(window.configuration());
                pinnedWindows[0] += window.observation() != null && !window.configuration().isGoverned() ? 1 : 0;
            };
            return Controller.Listener.all(profiles.recorder(options.model.modelHash(), "closed", options.inputSize),
                    seen);
        };
        try (SimulatedDevice device = SimulatedDevice.open("sim:file=" + profile + ",seed=" + board.index, 0)) {
            LiveOptimization.Options live = new LiveOptimization.Options().gpuWorkload(true).seed(board.index)
                    .durationsNs(options.defaultNs, options.probesNs, options.hybridNs)
                    .profileStore(profiles, options.model.modelHash(), options.inputSize).observer(observer);
            CompareResult compared = LiveOptimization.run(device, device.engine(options.model, options.inputSize),
                    Strategies.HYBRID, live, null);
            board.startedFromStore = profiles.lastLoaded() != null && !profiles.lastLoaded().isEmpty();
            board.otherBoardsBehindItsStart = profiles.lastLoaded() == null ? 0 : profiles.lastLoaded().otherDevices();
            board.hybridWindows = ran.size();
            board.recordedWindows = pinnedWindows[0];
            settle(board, device, compared.eta(), compared.sloMs(), ran);
            if (!profiles.problems().isEmpty()) {
                throw new IllegalStateException("board " + board.index + ": " + profiles.problems());
            }
        }
        try (JdbcProfileStore jdbc = JdbcProfileStore.open(store.url())) {
            long stored = 0;
            for (org.zeusmobile.store.ArmSums arm : jdbc.arms(key(), board.deviceId).values()) {
                stored += arm.windows();
            }
            board.storedWindows = stored;
        }
    }

    private static void awaitOthers(CyclicBarrier loaded, Board board) {
        if (loaded == null) {
            return;
        }
        try {
            loaded.await(BARRIER_TIMEOUT_MIN, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("board " + board.index + " was interrupted while waiting for the others", e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("board " + board.index + ": another board failed or stalled before its "
                    + "hybrid started (waited up to " + BARRIER_TIMEOUT_MIN + " min)", e);
        }
    }

    private ProfileKey key() {
        try (SimulatedDevice probe = SimulatedDevice.open("sim:" + options.soc, 0)) {
            return new ProfileKey(probe.info().identity(), options.model.modelHash(), "closed", options.inputSize);
        }
    }

    /**
     * The windows a board ran before it settled: before the first {@link #SETTLED_RUN} consecutive windows at
     * configurations within {@link #NEAR_OPTIMAL} of its best static configuration's cost (the simulator's
     * noise-free model, at the board's SLO), counted from the hybrid's first window, warm-start probes included.
     */
    private void settle(Board board, SimulatedDevice device, double eta, double sloMs, List<Configuration> ran) {
        SearchSpace space = LiveOptimization.searchSpace(device, true);
        Objective objective = new Objective(eta, sloMs / 1e3, device.maxPowerW());
        TrueModel truth = new TrueModel(device, options.model, RequestTrace.closedLoop(), options.hybridNs,
                ScenarioRunner.MAX_BATCH_DELAY_NS);
        TrueModel.Conditions steady = new TrueModel.Conditions(options.inputSize, null, 0);
        double best = truth.evaluate(truth.oracle(space, objective, steady), steady).cost(objective);
        Configuration last = ran.get(ran.size() - 1);
        board.lastCostVsBest = space.contains(last) ? truth.evaluate(last, steady).cost(objective) / best : Double.NaN;
        int streak = 0;
        for (int i = 0; i < ran.size(); i++) {
            Configuration c = ran.get(i);
            boolean near = space.contains(c) && truth.evaluate(c, steady).cost(objective) <= NEAR_OPTIMAL * best
                    && objective.meetsSlo(truth.evaluate(c, steady).latencyP95S());
            streak = near ? streak + 1 : 0;
            if (streak == SETTLED_RUN) {
                board.windowsToSettle = i + 1 - SETTLED_RUN;
                return;
            }
        }
    }

    /** Every board writes windows at once, one transaction each, under a key of its own; then they are counted. */
    private void measureWrites(Result result) throws Exception {
        final ProfileKey key = new ProfileKey(key().deviceClass(), "write-throughput", "closed", options.inputSize);
        final List<Configuration> arms = new ArrayList<>(Collections.singletonList(
                Configuration.governed().with("gpu.freq", 475_000_000L).with("batch", 2)));
        arms.add(Configuration.governed().with("gpu.freq", 550_000_000L).with("batch", 2));
        arms.add(Configuration.governed().with("gpu.freq", 401_000_000L).with("batch", 2));
        int writers = options.boards;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<JdbcProfileStore> stores = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                stores.add(JdbcProfileStore.open(store.url()));
            }
            final java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                final JdbcProfileStore writer = stores.get(w);
                final String board = "fleet-board-" + (w + 1);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < options.writesPerWriter; i++) {
                        Observation window = Observation.of(arms.get(i % arms.size())).inferences(150)
                                .energyPerInferenceJ(0.07 + 0.001 * (i % 7)).timePerInferenceS(0.017)
                                .latencyP95S(0.035).traffic(Traffic.CLOSED_LOOP).build();
                        writer.recordWindows(key, board, Collections.singletonList(window));
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            result.writeSeconds = (System.nanoTime() - begin) / 1e9;
        } finally {
            pool.shutdownNow();
            for (JdbcProfileStore s : stores) {
                s.close();
            }
        }
        result.writers = writers;
        result.writes = (long) writers * options.writesPerWriter;
        try (JdbcProfileStore reader = JdbcProfileStore.open(store.url())) {
            long stored = 0;
            for (int w = 1; w <= writers; w++) {
                for (org.zeusmobile.store.ArmSums arm : reader.arms(key, "fleet-board-" + w).values()) {
                    stored += arm.windows();
                }
            }
            result.writesStored = stored;
        }
    }
}
