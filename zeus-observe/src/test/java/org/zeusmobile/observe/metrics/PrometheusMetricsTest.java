package org.zeusmobile.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.observe.SimulatedRun;

class PrometheusMetricsTest {

    /** GETs {@code url} and returns the body. */
    static String get(URL url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            assertThat(connection.getResponseCode()).isEqualTo(200);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample of the text exposition format: "name{labels}" to value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z_]+(\\{[^}]*\\})?) (\\S+)$").matcher(exposition);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    @Test
    void metricsAnswerOverLoopbackWhileTheRunGoesOn() throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics(new PrometheusRegistry());
        final String[] midRun = new String[1];
        RunResult result;
        try (HTTPServer server = metrics.serve("127.0.0.1", 0)) {
            final URL url = new URL("http://127.0.0.1:" + server.getPort() + "/metrics");
            Controller.Listener scraper = window -> {
                if (window.index() == 2) {
                    midRun[0] = get(url); // the run waits for the scrape: this is the third window's state
                }
            };
            result = SimulatedRun.run(Controller.Listener.all(metrics.listener(SimulatedRun.SLO_S), scraper));
        }
        Map<String, Double> during = samples(midRun[0]); // labels in alphabetical order
        String run = "device=\"snapdragon-8-gen-2\",strategy=\"switching\"";
        assertThat(during.get("zeus_windows_total{" + run + "}")).isEqualTo(3.0);
        assertThat(during.get("zeus_knob_frequency_hertz{device=\"snapdragon-8-gen-2\",knob=\"gpu.freq\"}"))
                .isEqualTo(680e6);
        assertThat(during.get("zeus_knob_value{device=\"snapdragon-8-gen-2\",knob=\"batch\"}")).isEqualTo(2.0);
        assertThat(during.get("zeus_latency_slo_seconds{" + run + "}")).isEqualTo(SimulatedRun.SLO_S);
        assertThat(during.get("zeus_configuration_info{configuration=\"" + SimulatedRun.FAST + "\","
                + run + "}")).isEqualTo(1.0);
        double energyJ = 0;
        long inferences = 0;
        for (Window w : result.windows().subList(0, 3)) {
            energyJ += w.measurement().energyJ("total");
            inferences += w.inferences();
        }
        assertThat(during.get("zeus_energy_joules_total{device=\"snapdragon-8-gen-2\",domain=\"total\","
                + "strategy=\"switching\"}")).isCloseTo(energyJ,
                within(1e-9 * energyJ));
        // Requests are counted batch by batch, so the third window's are all in by its end.
        assertThat(during.get("zeus_inferences_total{" + run + "}")).isEqualTo((double) inferences);
        assertThat(during.get("zeus_inference_latency_seconds_count{" + run + "}")).isEqualTo((double) inferences);
        assertThat(during.get("zeus_slo_violations_total{" + run + "}")).isEqualTo(0.0);
        Window third = result.windows().get(2);
        assertThat(during.get("zeus_power_watts{device=\"snapdragon-8-gen-2\",domain=\"total\"}"))
                .isCloseTo(third.measurement().energyJ("total") / third.elapsedS(), within(1e-9));
        assertThat(during).containsKey("zeus_temperature_celsius{device=\"snapdragon-8-gen-2\",sensor=\"soc\"}");
        assertThat(midRun[0]).contains("# TYPE zeus_inference_latency_seconds histogram",
                "# TYPE zeus_energy_joules_total counter");
    }

    @Test
    void theConfigurationInfoFollowsTheArmAndChangesAreCounted() {
        PrometheusRegistry registry = new PrometheusRegistry();
        PrometheusMetrics metrics = new PrometheusMetrics(registry);
        SimulatedRun.run(metrics.listener(SimulatedRun.SLO_S));
        String text = scrape(registry);
        Map<String, Double> after = samples(text);
        String run = "device=\"snapdragon-8-gen-2\",strategy=\"switching\"";
        assertThat(after.get("zeus_configuration_changes_total{" + run + "}")).isEqualTo(1.0);
        assertThat(after).containsKey("zeus_configuration_info{configuration=\"" + SimulatedRun.SLOW + "\","
                + run + "}");
        assertThat(text).doesNotContain("configuration=\"" + SimulatedRun.FAST + "\"");
        // After the run the device is restored: the GPU is governed again, and its governor continues from the
        // 348 MHz the run left it at (as writing the governor back to sysfs does) until it next decides.
        assertThat(after.get("zeus_knob_frequency_hertz{device=\"snapdragon-8-gen-2\",knob=\"gpu.freq\"}"))
                .isEqualTo(348e6);
    }

    static String scrape(PrometheusRegistry registry) {
        try (HTTPServer server = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry)
                .buildAndStart()) {
            return get(new URL("http://127.0.0.1:" + server.getPort() + "/metrics"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
