package org.zeusmobile.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTraceTest {

    @Test
    void periodicArrivalsAreEvenlySpaced() {
        RequestTrace.Arrivals arrivals = RequestTrace.parse("periodic:30").start(new Random(1));
        assertThat(arrivals.next()).isEqualTo(0);
        assertThat(arrivals.next()).isEqualTo(33_333_333L);
        assertThat(arrivals.next()).isEqualTo(66_666_667L);
        assertThat(RequestTrace.periodic(30).describe()).isEqualTo("periodic:30");
    }

    @Test
    void poissonArrivalsHaveTheRequestedRateAndExponentialGaps() {
        RequestTrace.Arrivals arrivals = RequestTrace.parse("poisson:20").start(new Random(7));
        int n = 100_000;
        long last = 0;
        int shortGaps = 0;
        for (int i = 0; i < n; i++) {
            long t = arrivals.next();
            if (t - last < 50_000_000L) {
                shortGaps++;
            }
            last = t;
        }
        assertThat(n / (last / 1e9)).isCloseTo(20, within(0.3));
        // P(gap < mean) = 1 - 1/e for an exponential distribution.
        assertThat(shortGaps / (double) n).isCloseTo(1 - Math.exp(-1), within(0.01));
    }

    @Test
    void burstsArePoissonWhileOnAndSilentWhileOff() {
        RequestTrace trace = RequestTrace.parse("bursty:40,5,15");
        assertThat(trace.describe()).isEqualTo("bursty:40,5,15");
        assertThat(trace.activeShare()).isEqualTo(0.25);
        RequestTrace.Arrivals arrivals = trace.start(new Random(3));
        int n = 0;
        long t = 0;
        while ((t = arrivals.next()) < 2000_000_000_000L) {
            assertThat((t / 1e9) % 20).as("arrival at %d ns", t).isLessThan(5);
            n++;
        }
        // 40 per second for a quarter of the time: a mean rate of 10 per second.
        assertThat(n / 2000.0).isCloseTo(10, within(0.3));
    }

    @Test
    void csvTracesReplayTheirTimes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.write(file, "arrival_s,user\n# a comment\n0.0,a\n0.5,b\n\n1.25,c\n".getBytes(StandardCharsets.UTF_8));
        RequestTrace trace = RequestTrace.parse("file=" + file);
        RequestTrace.Arrivals arrivals = trace.start(new Random(1));
        assertThat(arrivals.next()).isEqualTo(0);
        assertThat(arrivals.next()).isEqualTo(500_000_000L);
        assertThat(arrivals.next()).isEqualTo(1_250_000_000L);
        assertThat(arrivals.next()).isEqualTo(RequestTrace.END);
    }

    @Test
    void badTracesAreRejectedWithTheFix() {
        assertThatThrownBy(() -> RequestTrace.parse("burst")).hasMessageContaining("periodic:FPS");
        assertThatThrownBy(() -> RequestTrace.parse("bursty:40,5")).hasMessageContaining("bursty:40,5,15");
        assertThatThrownBy(() -> RequestTrace.parse("bursty:40,x,5")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RequestTrace.parse("bursty:40,0,5")).hasMessageContaining("positive");
        assertThatThrownBy(() -> RequestTrace.parse("periodic:0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> RequestTrace.parse("poisson:fast")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> RequestTrace.parse("file=/no/such/trace.csv")).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RequestTrace.fromCsv(new StringReader("1.0\n0.5\n"), "t"))
                .hasMessageContaining("sort the arrival times");
        assertThatThrownBy(() -> RequestTrace.fromCsv(new StringReader("1.0\nsoon\n"), "t"))
                .hasMessageContaining("line 2");
        assertThat(RequestTrace.parse("closed").isClosedLoop()).isTrue();
    }

    @Test
    void ratesAreBoundedSoThatARunCannotQueueWithoutEnd() {
        assertThatThrownBy(() -> RequestTrace.parse("poisson:1e9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 10000 per second, got 1000000000");
        assertThatThrownBy(() -> RequestTrace.parse("periodic:Infinity")).hasMessageContaining("got Infinity");
        assertThatThrownBy(() -> RequestTrace.parse("poisson:NaN")).hasMessageContaining("got NaN");
        assertThat(RequestTrace.parse("poisson:10000").describe()).isEqualTo("poisson:10000");
    }

    @Test
    void aFirstLineIsAHeaderOnlyWhenItNamesTheTimeColumn() throws IOException {
        assertThatThrownBy(() -> RequestTrace.fromCsv(new StringReader("abc\n0.5\n1.0\n"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1: 'abc' is not an arrival time")
                .hasMessageContaining("time_s");
        assertThat(RequestTrace.fromCsv(new StringReader("timestamp_s,size\n0.5,1\n"), "t").start(new Random(1)).next())
                .isEqualTo(500_000_000L);
    }

    @Test
    void arrivalTimesAreBoundedToAWeek() {
        assertThatThrownBy(() -> RequestTrace.fromCsv(new StringReader("0\n1e300\n"), "t"))
                .hasMessageContaining("arrival 2 is 1.0E300 s; times must be from 0 to 604800 s");
    }
}
