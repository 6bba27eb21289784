package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Window;

/**
 * Reads the frequencies the hardware runs at as each window ends (thermal caps and governors included, which a
 * pinned configuration does not show) and turns a run's windows into timeline points.
 */
final class ClockRecorder implements Controller.Listener {

    private final List<String> knobs;
    private final ToLongFunction<String> readHz;
    private final List<Map<String, Long>> running = new ArrayList<>();

    /**
     * @param knobs the frequency knobs to read
     * @param readHz the running frequency of a knob in Hz (the simulator's after caps; cur_freq on Linux)
     */
    ClockRecorder(List<String> knobs, ToLongFunction<String> readHz) {
        this.knobs = knobs;
        this.readHz = readHz;
    }

    @Override
    public void onWindow(Window window) {
        Map<String, Long> now = new TreeMap<>();
        for (String knob : knobs) {
            try {
                now.put(knob, readHz.applyAsLong(knob));
            } catch (RuntimeException unreadable) {
                // A clock that cannot be read is left out of this point rather than invented.
            }
        }
        running.add(now);
    }

    /** The run's windows as timeline points, with the clocks read at each window's end. */
    List<StrategyResult.TimelinePoint> timeline(List<Window> windows) {
        List<StrategyResult.TimelinePoint> points = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            points.add(new StrategyResult.TimelinePoint(w.endNs() / 1e9, new TreeMap<>(w.configuration().asMap()),
                    i < running.size() ? running.get(i) : Map.of(), w.powerW(), w.temperatureC(),
                    w.inferences() > 0 ? w.energyJ() / w.inferences() : Double.NaN, w.latencyP95S() * 1e3));
        }
        return points;
    }
}
