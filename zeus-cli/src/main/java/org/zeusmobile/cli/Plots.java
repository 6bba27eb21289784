package org.zeusmobile.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.StrategyResult;

/**
 * The report's plots. Every strategy keeps one colour and one marker shape in every plot, far apart from the
 * others; outlined markers of different sizes stay visible where two strategies land on the same point. Axes are
 * scaled to the strategies (the profiled configurations around them are context), every axis says its unit, and
 * every title says SIMULATED where the numbers are.
 */
final class Plots {

    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 300;

    /** One look per strategy. */
    private record Look(Color colour, Marker marker) {
    }

    private static final Map<String, Look> LOOKS = Map.of(
            "default", new Look(new Color(60, 60, 60), new Outline(Outline.SQUARE, 1.0)),
            "default-batched", new Look(new Color(140, 86, 75), new Outline(Outline.TRIANGLE_DOWN, 1.1)),
            "max-performance", new Look(new Color(214, 39, 40), new Outline(Outline.TRIANGLE_UP, 1.1)),
            "oracle", new Look(new Color(44, 160, 44), new Outline(Outline.CIRCLE, 1.8)),
            "oracle-dynamic", new Look(new Color(188, 189, 34), new Outline(Outline.CIRCLE, 2.4)),
            "zeus-jit", new Look(new Color(255, 127, 14), new Outline(Outline.CROSS, 1.2)),
            "polythrottle-bo", new Look(new Color(148, 103, 189), new Outline(Outline.SQUARE, 1.6)),
            "hybrid", new Look(new Color(31, 119, 180), new Outline(Outline.DIAMOND, 1.1)));
    private static final Look OTHER = new Look(new Color(23, 190, 207), new Outline(Outline.CIRCLE, 1.0));

    private Plots() {
    }

    private static Look look(String strategy) {
        return LOOKS.getOrDefault(strategy, OTHER);
    }

    private static String title(CompareResult r, String what) {
        return what + " — " + r.model() + " on " + r.device() + (r.simulated() ? " (SIMULATED)" : "");
    }

    private static String label(StrategyResult s) {
        return s.name() + (s.feasible() ? "" : " (MISSED SLO)");
    }

    /** Energy per inference against p95 latency: the profiled configurations, their Pareto front, each strategy. */
    static XYChart pareto(CompareResult r) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title(r, "Energy vs latency"))
                .xAxisTitle("p95 latency (ms)").yAxisTitle("energy per inference (mJ)").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(9);
        double[] xRange = {r.sloMs(), r.sloMs()};
        double[] yRange = {Double.MAX_VALUE, 0};
        for (StrategyResult s : r.strategies()) {
            widen(xRange, s.latencyP95Ms());
            widen(yRange, s.energyPerInferenceJ() * 1e3);
        }
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        List<double[]> front = new ArrayList<>();
        for (var c : r.profile() == null ? List.<org.zeusmobile.lab.ProfilePoint>of() : r.profile()) {
            allX.add(c.latencyP95Ms());
            allY.add(c.energyPerInferenceJ() * 1e3);
            if (c.pareto()) {
                front.add(new double[] {c.latencyP95Ms(), c.energyPerInferenceJ() * 1e3});
            }
        }
        // The axes frame the strategies (and the SLO) with a margin; profiled points outside are clipped.
        double xPad = Math.max(1, (xRange[1] - xRange[0]) * 0.15);
        double yPad = Math.max(yRange[1] * 0.02, (yRange[1] - yRange[0]) * 0.15);
        styler.setXAxisMin(Math.max(0, xRange[0] - xPad));
        styler.setXAxisMax(xRange[1] + xPad);
        styler.setYAxisMin(Math.max(0, yRange[0] - yPad));
        styler.setYAxisMax(yRange[1] + yPad);
        if (!allX.isEmpty()) {
            XYSeries all = chart.addSeries("profiled configurations", allX, allY);
            all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            all.setMarker(SeriesMarkers.CIRCLE);
            all.setMarkerColor(new Color(200, 200, 200));
        }
        if (!front.isEmpty()) {
            front.sort((a, b) -> Double.compare(a[0], b[0]));
            XYSeries line = chart.addSeries("Pareto front", column(front, 0), column(front, 1));
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(new Color(120, 120, 120));
        }
        XYSeries slo = chart.addSeries(String.format(Locale.ROOT, "SLO %.1f ms", r.sloMs()),
                new double[] {r.sloMs(), r.sloMs()}, new double[] {0, yRange[1] * 10});
        slo.setMarker(SeriesMarkers.NONE);
        slo.setLineColor(Color.RED);
        slo.setLineStyle(SeriesLines.DASH_DASH);
        for (StrategyResult s : r.strategies()) {
            XYSeries point = chart.addSeries(label(s), new double[] {s.latencyP95Ms()},
                    new double[] {s.energyPerInferenceJ() * 1e3});
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(look(s.name()).marker());
            point.setMarkerColor(look(s.name()).colour());
        }
        return chart;
    }

    private static void widen(double[] range, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            range[0] = Math.min(range[0], value);
            range[1] = Math.max(range[1], value);
        }
    }

    private static double[] column(List<double[]> points, int index) {
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i)[index];
        }
        return values;
    }

    /**
     * Stacked panels on one time axis: power, temperature (where the device has sensors), and one panel per knob
     * that some strategy pinned or moved. Frequency panels draw what the hardware ran (solid: governors and thermal
     * caps included) and what was pinned (dashed) where the two differ; {@code default} appears through its running
     * frequencies.
     */
    static byte[] timelinePng(CompareResult r) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(panel(r, "Power over time", "power (W)", p -> p.powerW(), null));
        if (any(r, p -> p.temperatureC())) {
            panels.add(panel(r, "Temperature over time", "hottest sensor (°C)", p -> p.temperatureC(), null));
        }
        for (String knob : knobs(r)) {
            boolean frequency = knob.endsWith(".freq");
            String unit = frequency ? " (MHz)" : " (count)";
            double scale = frequency ? 1e-6 : 1;
            Function<StrategyResult.TimelinePoint, Double> running = p -> {
                Long value = frequency ? p.running().get(knob) : p.configuration().getOrDefault(knob, 1L);
                return value == null ? Double.NaN : value * scale;
            };
            Function<StrategyResult.TimelinePoint, Double> pinned = p -> {
                Long value = p.configuration().get(knob);
                return value == null ? Double.NaN : value * scale;
            };
            panels.add(panel(r, frequency ? knob + ": running (solid), pinned (dashed)" : knob + " over time",
                    knob + unit, running, frequency ? pinned : null));
        }
        int height = 0;
        for (BufferedImage panel : panels) {
            height += panel.getHeight();
        }
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int y = 0;
        for (BufferedImage panel : panels) {
            g.drawImage(panel, 0, y, null);
            y += panel.getHeight();
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** The knobs some strategy's timeline pins or runs, in the order they first appear; batch only where it moved. */
    private static List<String> knobs(CompareResult r) {
        Set<String> knobs = new LinkedHashSet<>();
        Set<Long> batches = new LinkedHashSet<>();
        for (StrategyResult s : r.strategies()) {
            for (StrategyResult.TimelinePoint p : timeline(s)) {
                knobs.addAll(p.running().keySet());
                for (String knob : p.configuration().keySet()) {
                    if (!knob.equals(Knob.BATCH)) {
                        knobs.add(knob);
                    }
                }
                batches.add(p.configuration().getOrDefault(Knob.BATCH, 1L));
            }
        }
        if (batches.size() > 1) {
            knobs.add(Knob.BATCH);
        }
        return new ArrayList<>(knobs);
    }

    private static List<StrategyResult.TimelinePoint> timeline(StrategyResult s) {
        return s.timeline() == null ? List.of() : s.timeline();
    }

    private static boolean any(CompareResult r, Function<StrategyResult.TimelinePoint, Double> value) {
        for (StrategyResult s : r.strategies()) {
            for (StrategyResult.TimelinePoint p : timeline(s)) {
                if (!Double.isNaN(value.apply(p))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BufferedImage panel(CompareResult r, String what, String yTitle,
            Function<StrategyResult.TimelinePoint, Double> solid, Function<StrategyResult.TimelinePoint, Double> dashed) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title(r, what))
                .xAxisTitle("time (s)").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (StrategyResult s : r.strategies()) {
            addLine(chart, label(s), timeline(s), solid, look(s.name()).colour(), SeriesLines.SOLID);
            if (dashed != null && differs(timeline(s), solid, dashed)) {
                addLine(chart, s.name() + " pinned", timeline(s), dashed, look(s.name()).colour(), SeriesLines.DASH_DASH);
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Whether the pinned value differs from the running one somewhere (a thermal cap): only then is it drawn. */
    private static boolean differs(List<StrategyResult.TimelinePoint> points,
            Function<StrategyResult.TimelinePoint, Double> running, Function<StrategyResult.TimelinePoint, Double> pinned) {
        for (StrategyResult.TimelinePoint p : points) {
            double pin = pinned.apply(p);
            if (!Double.isNaN(pin) && Math.abs(pin - running.apply(p)) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    private static void addLine(XYChart chart, String name, List<StrategyResult.TimelinePoint> points,
            Function<StrategyResult.TimelinePoint, Double> value, Color colour, BasicStroke style) {
        List<Double> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (StrategyResult.TimelinePoint p : points) {
            double y = value.apply(p);
            if (!Double.isNaN(y) && !Double.isInfinite(y)) {
                t.add(p.timeS());
                v.add(y);
            }
        }
        if (t.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, t, v);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(style);
    }

    /** A marker drawn as an outline, so that a larger one around a smaller one leaves both visible. */
    private static final class Outline extends Marker {
        static final int SQUARE = 0;
        static final int CIRCLE = 1;
        static final int DIAMOND = 2;
        static final int TRIANGLE_UP = 3;
        static final int TRIANGLE_DOWN = 4;
        static final int CROSS = 5;

        private final int shape;
        private final double scale;

        Outline(int shape, double scale) {
            this.shape = shape;
            this.scale = scale;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            double half = markerSize * scale / 2;
            g.setStroke(new BasicStroke(2f));
            g.draw(shape(x, y, half));
        }

        private Shape shape(double x, double y, double h) {
            return switch (shape) {
                case CIRCLE -> new Ellipse2D.Double(x - h, y - h, 2 * h, 2 * h);
                case DIAMOND -> polygon(x, y - h, x + h, y, x, y + h, x - h, y);
                case TRIANGLE_UP -> polygon(x, y - h, x + h, y + h, x - h, y + h);
                case TRIANGLE_DOWN -> polygon(x - h, y - h, x + h, y - h, x, y + h);
                case CROSS -> {
                    Path2D.Double cross = new Path2D.Double();
                    cross.moveTo(x - h, y - h);
                    cross.lineTo(x + h, y + h);
                    cross.moveTo(x - h, y + h);
                    cross.lineTo(x + h, y - h);
                    yield cross;
                }
                default -> new Rectangle2D.Double(x - h, y - h, 2 * h, 2 * h);
            };
        }

        private static Shape polygon(double... xy) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                path.lineTo(xy[i], xy[i + 1]);
            }
            path.closePath();
            return path;
        }
    }
}
