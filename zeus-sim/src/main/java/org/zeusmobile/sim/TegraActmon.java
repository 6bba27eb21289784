package org.zeusmobile.sim;

/**
 * Tegra ACTMON EMC scaling after drivers/devfreq/tegra30-devfreq.c (the MCALL device: all memory traffic). Every
 * sampling period the hardware counts EMC cycles of traffic and keeps a moving average over
 * {@code averageWindow} samples; a count above the upper watermark ({@code boostUpThreshold} of the current
 * clock's cycles) for {@code aboveWatermarkWindow} samples sets boost = boost * boostUpCoeff + boostStep, a count
 * below the lower watermark for {@code belowWatermarkWindow} samples sets boost = boost * boostDownCoeff (0 once
 * under half a step); the target is average / period / boostUpThreshold + boost (actmon_device_target_freq,
 * actmon_update_target), rounded up to an EMC rate. On T186 and T234 this runs in BPMP firmware, whose source is
 * not public: the kernel's published algorithm stands in. Not modelled: the CPU-frequency floor (MCCPU).
 */
final class TegraActmon extends Governor {

    private final SimBus[] buses;
    private final long periodNs;
    private final double averageWindow;
    private final double upCoeff;
    private final double downCoeff;
    private final double upThreshold;
    private final double downThreshold;
    private final int aboveWindow;
    private final int belowWindow;
    private final double stepHz;
    private double sampleBytes;
    private double avgCycles;
    private double boostHz;
    private int above;
    private int below;

    TegraActmon(SocProfile.GovernorSpec spec, SimBus[] buses, long nowNs) {
        super(spec.name, buses);
        this.buses = buses;
        this.periodNs = Math.max(1, Math.round(spec.value("samplingPeriod") * 1e9));
        this.averageWindow = spec.value("averageWindow");
        this.upCoeff = spec.value("boostUpCoeff");
        this.downCoeff = spec.value("boostDownCoeff");
        this.upThreshold = spec.value("boostUpThreshold");
        this.downThreshold = spec.value("boostDownThreshold");
        this.aboveWindow = (int) Math.round(spec.value("aboveWatermarkWindow"));
        this.belowWindow = (int) Math.round(spec.value("belowWatermarkWindow"));
        this.stepHz = spec.value("boostStep");
        // tegra_actmon_configure_device: the average starts at the current clock's cycles per period
        this.avgCycles = buses[0].runningHz() * (periodNs * 1e-9);
        this.nextNs = nowNs + periodNs;
    }

    @Override
    void onTraffic(long fromNs, long toNs, double bytes) {
        sampleBytes += bytes;
    }

    @Override
    void run(long nowNs) {
        nextNs = nowNs + periodNs;
        SimBus bus = buses[0];
        double periodS = periodNs * 1e-9;
        double count = sampleBytes / bus.spec.bytesPerClock;
        sampleBytes = 0;
        avgCycles += (count - avgCycles) / averageWindow;
        double clockCycles = bus.runningHz() * periodS;
        above = count > clockCycles * upThreshold ? above + 1 : 0;
        below = count < clockCycles * downThreshold ? below + 1 : 0;
        double maxHz = bus.maxHz();
        if (above >= aboveWindow) {
            boostHz = Math.min(maxHz, boostHz * upCoeff + stepHz);
            above = 0;
        } else if (below >= belowWindow) {
            boostHz *= downCoeff;
            if (boostHz < stepHz / 2) {
                boostHz = 0;
            }
            below = 0;
        }
        double targetHz = avgCycles / periodS / upThreshold + boostHz;
        for (SimBus b : buses) {
            target(b, lowestAtOrAbove(b.freqHz, targetHz), nowNs);
        }
    }
}
