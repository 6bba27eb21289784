package org.zeusmobile.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.zeusmobile.lab.ComparisonHarness;
import org.zeusmobile.lab.ConfigurationText;
import org.zeusmobile.core.control.Window;

/**
 * Shows a comparison's progress on stderr: a live progress bar on a terminal (requests done, the
 * configuration now, energy so far, SLO violations), plain log lines, one per run, otherwise.
 */
final class ProgressDisplay implements ComparisonHarness.Progress, AutoCloseable {

    private final PrintStream err;
    private final boolean terminal;
    private final double sloS;
    private ProgressBar bar;
    private String strategy;
    private long requests;
    private double energyJ;
    private long violatingWindows;
    private long windows;

    private final String kind;

    /** {@code simulated}: whether the runs are on a simulated device, as each log line says. */
    ProgressDisplay(PrintStream err, double sloMsOrNaN, boolean simulated) {
        this.err = err;
        this.kind = simulated ? "simulated" : "real device";
        this.terminal = System.console() != null;
        this.sloS = sloMsOrNaN / 1e3;
    }

    @Override
    public void run(String name, long seed, int index, int total) {
        if (terminal && bar == null) {
            bar = new ProgressBarBuilder().setTaskName("runs").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(200).build();
        }
        if (bar != null) {
            bar.stepTo(index);
        } else {
            err.printf(Locale.ROOT, "zeus-mobile: run %d/%d: %s, seed %d (%s)%n", index + 1, total, name, seed,
                    kind);
        }
        strategy = name;
        requests = 0;
        energyJ = 0;
        violatingWindows = 0;
        windows = 0;
    }

    @Override
    public void window(String name, long seed, Window window) {
        requests += window.inferences();
        energyJ += window.energyJ();
        windows++;
        if (!Double.isNaN(sloS) && window.latencyP95S() > sloS) {
            violatingWindows++;
        }
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, " %s: %d requests, %.1f J, %s%s", strategy, requests, energyJ,
                    ConfigurationText.of(window.configuration().asMap()), Double.isNaN(sloS) ? ""
                            : String.format(Locale.ROOT, ", %d/%d windows over SLO", violatingWindows, windows)));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
