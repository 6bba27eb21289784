package org.zeusmobile.sim;

/**
 * Qualcomm's bandwidth monitor governor for the DDR: drivers/soc/qcom/dcvs/bwmon.c (get_bw_and_set_irq), the
 * successor of drivers/devfreq/governor_bw_hwmon.c, as SM8550's post-boot script configures it. The hardware
 * counts the bytes of each {@code sample}; every {@code window} (bwmon_jiffies_update_cb), or at once when a
 * sample's traffic exceeds the up-wake threshold (the UP_WAKE interrupt), the governor takes the peak sample
 * of the window as the measured bandwidth, keeps a historic peak for {@code histMemory} windows, holds a
 * recurring peak for {@code hystLength} windows (hysteresis), over-requests by {@code upScale} of the rise on an
 * UP_WAKE (up to the zone of the measurement and the historic peak), decays a falling vote by
 * {@code decayRate}, and votes {@code ib = bw * 100 / io_percent}. The DDR takes the lowest operating point whose
 * peak bandwidth carries the vote, no higher than {@code maxFrequency}. Not modelled: the DOWN_WAKE interrupt
 * (lower traffic waits for the window) and the other DDR voters (GPU bus votes, memlat).
 */
final class BwHwmon extends Governor {

    private static final double MIN_BPS = 500e6;
    private static final double HIST_PEAK_TOL = 0.75;

    private final SimBus[] buses;
    private final long sampleNs;
    private final long windowNs;
    private final double ioFraction;
    private final int histMemory;
    private final int hystLength;
    private final int hystTriggerCount;
    private final int idleLength;
    private final double upThreshold;
    private final double upScale;
    private final double decayRate;
    private final double idleBps;
    private final double guardBandBps;
    private final double[] zonesBps;
    private final int maxIndex;
    private final double maxBps;

    private long sampleStartNs;
    private double sampleBytes;
    private double windowPeakBps;
    private long windowEndNs;
    private boolean upWake;
    private long upWakeAtNs = Long.MAX_VALUE;
    private double upWakeBps;
    private double rateBps;
    private double prevReqBps;
    private double prevAbBps;
    private double histMaxBps;
    private int histMem;
    private double hystBps;
    private int hystPeak;
    private int hystTrigWin;
    private int hystEn;
    private int idleEn;

    BwHwmon(SocProfile.GovernorSpec spec, SimBus[] buses, long nowNs) {
        super(spec.name, buses);
        this.buses = buses;
        this.sampleNs = Math.max(1, Math.round(spec.value("sample") * 1e9));
        this.windowNs = Math.max(1, Math.round(spec.value("window") * 1e9));
        this.ioFraction = spec.value("ioPercent");
        this.histMemory = (int) Math.round(spec.value("histMemory"));
        this.hystLength = (int) Math.round(spec.value("hystLength"));
        this.hystTriggerCount = (int) Math.round(spec.value("hystTriggerCount"));
        this.idleLength = (int) Math.round(spec.value("idleLength"));
        this.upThreshold = spec.value("upThreshold");
        this.upScale = spec.value("upScale");
        this.decayRate = spec.value("decayRate");
        this.idleBps = spec.value("idleBandwidth");
        this.guardBandBps = spec.value("guardBand");
        this.zonesBps = spec.list("zones");
        SocProfile.Bus bus = buses[0].spec;
        this.maxIndex = Math.min(bus.freqHz.length - 1, lowestAtOrAbove(bus.freqHz, spec.value("maxFrequency")));
        this.maxBps = bus.peakBandwidthBps[maxIndex];
        // start_monitor: the first up-wake threshold is the current clock's bandwidth at io_percent
        this.upWakeBps = bus.peakBandwidthBps[buses[0].running] * ioFraction;
        this.sampleStartNs = nowNs;
        this.windowEndNs = nowNs + windowNs;
        this.nextNs = windowEndNs;
    }

    @Override
    void onTraffic(long fromNs, long toNs, double bytes) {
        if (toNs <= fromNs) {
            return;
        }
        double bps = bytes / ((toNs - fromNs) * 1e-9);
        long t = fromNs;
        while (t < toNs) {
            long sampleEnd = sampleStartNs + sampleNs;
            long end = Math.min(toNs, sampleEnd);
            sampleBytes += bps * ((end - t) * 1e-9);
            t = end;
            if (end == sampleEnd) {
                finishSample(sampleBytes / (sampleNs * 1e-9), end);
                long whole = (toNs - t) / sampleNs;
                if (whole > 0) {
                    // whole samples inside one constant-rate segment all measure its rate
                    finishSample(bps, t + whole * sampleNs);
                    t += whole * sampleNs;
                }
            }
        }
    }

    private void finishSample(double bps, long endNs) {
        windowPeakBps = Math.max(windowPeakBps, bps);
        if (bps > upWakeBps && !upWake) {
            upWake = true;
            upWakeAtNs = endNs;
        }
        sampleBytes = 0;
        sampleStartNs = endNs;
    }

    @Override
    void onTrafficRate(long nowNs, double bytesPerS) {
        rateBps = bytesPerS;
        scheduleNext(nowNs);
    }

    /** The next window end, or sooner the end of the sample whose traffic will cross the up-wake threshold. */
    private void scheduleNext(long nowNs) {
        long next = Math.min(windowEndNs, upWakeAtNs);
        if (!upWake && rateBps > upWakeBps) {
            long sampleEnd = sampleStartNs + sampleNs;
            double projected = sampleBytes + rateBps * ((sampleEnd - nowNs) * 1e-9);
            next = Math.min(next, projected > upWakeBps * sampleNs * 1e-9 ? sampleEnd : sampleEnd + sampleNs);
        }
        nextNs = next;
    }

    @Override
    void run(long nowNs) {
        if (upWake || nowNs >= windowEndNs) {
            decide(nowNs);
            // the monitor restarts its window after every update (bwmon_monitor_stop / start)
            windowEndNs = nowNs + windowNs;
            upWake = false;
            upWakeAtNs = Long.MAX_VALUE;
        }
        scheduleNext(nowNs);
    }

    /** get_bw_and_set_irq, then the vote. */
    private void decide(long nowNs) {
        double meas = windowPeakBps;
        windowPeakBps = 0;
        double req = meas;
        if (meas > histMaxBps || histMem == 0) {
            histMaxBps = meas;
            histMem = histMemory;
        } else if (meas >= histMaxBps * HIST_PEAK_TOL) {
            histMem = histMemory;
        } else if (histMem > 0) {
            histMem--;
        }
        double measZone = Math.max(meas, zoneOf(meas / ioFraction) * ioFraction);
        if (upWake) {
            req += (meas - prevReqBps) * upScale;
            if (req > histMaxBps && meas < histMaxBps) {
                req = histMaxBps;
            }
            req = Math.min(req, measZone);
        }
        double hystLoTol = hystBps * HIST_PEAK_TOL;
        if (meas > hystBps && meas > MIN_BPS) {
            hystLoTol = meas * HIST_PEAK_TOL;
            hystPeak = 0;
            hystTrigWin = hystLength;
            hystBps = meas;
            if (hystEn > 0) {
                hystEn = hystLength;
            }
        }
        if (meas >= hystLoTol && meas > MIN_BPS && ++hystPeak >= hystTriggerCount) {
            hystPeak = 0;
            hystEn = hystLength;
        }
        hystTrigWin = Math.max(0, hystTrigWin - 1);
        hystEn = Math.max(0, hystEn - 1);
        if (hystTrigWin == 0 && hystEn == 0) {
            hystPeak = 0;
            hystBps = 0;
        }
        if (hystEn > 0) {
            if (meas > idleBps) {
                req = Math.max(req, hystBps);
                idleEn = idleLength;
            } else if (idleEn > 0) {
                req = Math.max(req, hystBps);
                idleEn--;
            }
        }
        upWakeBps = Math.max(meas < MIN_BPS ? MIN_BPS : 0, req) * (1 + upThreshold);
        prevReqBps = req;
        double adj = req + guardBandBps;
        double ab = adj > prevAbBps ? adj : adj * decayRate + prevAbBps * (1 - decayRate);
        prevAbBps = ab;
        double ibBps = ab / ioFraction;
        for (SimBus bus : buses) {
            target(bus, Math.min(maxIndex, lowestAtOrAbove(bus.spec.peakBandwidthBps, ibBps)), nowNs);
        }
    }

    /** to_mbps_zone: the first zone at or above {@code bps}, else the bandwidth at the maximum frequency. */
    private double zoneOf(double bps) {
        for (double zone : zonesBps) {
            if (zone >= bps) {
                return zone;
            }
        }
        return maxBps;
    }

    static int lowestAtOrAbove(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= v) {
                return i;
            }
        }
        return values.length - 1;
    }
}
