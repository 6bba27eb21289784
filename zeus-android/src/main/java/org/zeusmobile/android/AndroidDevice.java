package org.zeusmobile.android;

import android.content.Context;
import android.os.Build;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.SystemClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.SoftwareKnobs;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The phone as an app without root sees it: knobs the app itself controls (ONNX Runtime intra-op
 * threads, batch size, execution provider, the ADPF target work duration and, on API 35, whether the
 * ADPF session prefers power efficiency), the meters
 * {@link MeterSelection} picked, and the battery/thermal-status sensor.
 *
 * <p>The app's own knobs have no OS governor ({@link #governor} is null); "original state" is the
 * value the app would use untuned: ONNX Runtime's default thread count (all the listed threads),
 * batch 1, the CPU provider, the loosest ADPF target and no efficiency preference.
 */
public final class AndroidDevice implements Device {

    public static final String EXECUTION_PROVIDER = "execution_provider";
    public static final String ADPF_TARGET_US = "adpf.target_us";
    /** API 35: 1 leaves the ADPF session as it is, 2 asks it to prefer power efficiency (knob values are positive). */
    public static final String ADPF_PREFER_EFFICIENCY = "adpf.prefer_efficiency";
    static final long EFFICIENCY_OFF = 1;
    static final long EFFICIENCY_ON = 2;

    /**
     * Default P_max: about what a flagship phone SoC's CPUs draw flat out. The Snapdragon 855 freqbench
     * single-core figures in DESIGN.md section 5 give 4 x 137.0 + 3 x 845.2 + 1 x 1091.6 mW = 4.18 W for
     * the CPUs; rounded up to 5 W for GPU and DRAM. Set the real figure with {@link Builder#maxPowerW}.
     */
    public static final double DEFAULT_MAX_POWER_W = 5.0;

    private final DeviceInfo info;
    /** The app's own knobs, untuned at all threads, batch 1, the CPU provider, the loosest ADPF target. */
    private final SoftwareKnobs knobs = new SoftwareKnobs();
    private final MeterSelection meters;
    private final AndroidThermalSensor thermal;
    private final AdpfSession adpf;
    private final Clock clock;
    private final double maxPowerW;

    private AndroidDevice(Builder builder, MeterSelection meters, AndroidThermalSensor thermal, AdpfSession adpf) {
        Knob threads = Knob.count(Knob.THREADS, builder.threads);
        knobs.add(threads, threads.max());
        if (builder.batchSizes != null) {
            Knob batch = Knob.count(Knob.BATCH, builder.batchSizes);
            knobs.add(batch, batch.min());
        }
        if (builder.providers != null) {
            long[] codes = new long[builder.providers.size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = builder.providers.get(i).code();
            }
            Knob provider = Knob.count(EXECUTION_PROVIDER, codes);
            knobs.add(provider, provider.isLegal(ExecutionProvider.CPU.code()) ? ExecutionProvider.CPU.code() : provider.min());
        }
        if (adpf != null) {
            Knob target = Knob.count(ADPF_TARGET_US, builder.adpfTargetsUs);
            knobs.add(target, target.max());
            adpf.updateTargetWorkDurationNs(target.max() * 1000L);
            if (Build.VERSION.SDK_INT >= 35) {
                knobs.add(Knob.count(ADPF_PREFER_EFFICIENCY, EFFICIENCY_OFF, EFFICIENCY_ON), EFFICIENCY_OFF);
            }
        }
        this.meters = meters;
        this.thermal = thermal;
        this.adpf = adpf;
        this.clock = builder.clock;
        this.maxPowerW = builder.maxPowerW;
        String model = Build.MANUFACTURER + " " + Build.MODEL;
        this.info = new DeviceInfo("android", "android", false,
                model + ", Android API " + Build.VERSION.SDK_INT + "; meters: " + String.join("; ", meters.reasons()),
                "android:" + Build.MANUFACTURER + ":" + Build.MODEL + ":" + Build.HARDWARE + ":" + knobs.knobs().hashCode());
    }

    /** A builder for the device of the app running in {@code context}. */
    public static Builder builder(Context context) {
        return new Builder(context);
    }

    /** Sets up an Android device. */
    public static final class Builder {
        private final Context context;
        private long[] threads;
        private long[] batchSizes;
        private List<ExecutionProvider> providers;
        private int[] adpfThreadIds;
        private long[] adpfTargetsUs;
        private Clock clock = SystemClock.INSTANCE;
        private double maxPowerW = DEFAULT_MAX_POWER_W;

        private Builder(Context context) {
            if (context == null) {
                throw new IllegalArgumentException("an Android Context is needed (the application context will do)");
            }
            this.context = context.getApplicationContext() != null ? context.getApplicationContext() : context;
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            this.threads = new long[cores];
            for (int i = 0; i < cores; i++) {
                threads[i] = i + 1;
            }
        }

        /** The intra-op thread counts to try (default 1 to the number of cores). */
        public Builder threads(long... counts) {
            this.threads = counts.clone();
            return this;
        }

        /** The batch sizes to try; without it there is no batch knob. */
        public Builder batchSizes(long... sizes) {
            this.batchSizes = sizes.clone();
            return this;
        }

        /** The execution providers to try; without it there is no provider knob. */
        public Builder executionProviders(List<ExecutionProvider> providers) {
            if (providers.isEmpty()) {
                throw new IllegalArgumentException("list at least one execution provider, e.g. ExecutionProvider.available()");
            }
            this.providers = new ArrayList<>(providers);
            return this;
        }

        /**
         * Opens an ADPF hint session for the inference threads and adds the {@code adpf.target_us} knob with
         * these targets (µs). Where ADPF is missing (below API 31, or no service) the knob is left out.
         */
        public Builder adpf(int[] threadIds, long... targetsUs) {
            if (targetsUs.length == 0) {
                throw new IllegalArgumentException("give at least one ADPF target work duration in µs");
            }
            this.adpfThreadIds = threadIds.clone();
            this.adpfTargetsUs = targetsUs.clone();
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The phone's maximum power in W: the P_max that converts time into the cost's energy units. */
        public Builder maxPowerW(double watts) {
            if (!(watts > 0) || Double.isInfinite(watts)) {
                throw new IllegalArgumentException("maximum power must be a positive number of W, got " + watts);
            }
            this.maxPowerW = watts;
            return this;
        }

        /** Probes the meters and opens the ADPF session. Makes binder calls: call it off the UI thread. */
        public AndroidDevice build() {
            BatteryState battery = new BatteryState(context);
            MeterSelection meters = MeterSelection.select(context, clock);
            AndroidThermalSensor thermal = new AndroidThermalSensor(context, battery, clock);
            AdpfSession adpf = null;
            if (adpfThreadIds != null) {
                long loosest = adpfTargetsUs[0];
                for (long target : adpfTargetsUs) {
                    loosest = Math.max(loosest, target);
                }
                adpf = AdpfSession.open(context, adpfThreadIds, loosest * 1000L);
            }
            return new AndroidDevice(this, meters, thermal, adpf);
        }
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public List<Knob> knobs() {
        return knobs.knobs();
    }

    @Override
    public long current(String knob) {
        return knobs.current(knob(knob).name());
    }

    /** The app's own knobs have no OS governor. */
    @Override
    public String governor(String knob) {
        knob(knob);
        return null;
    }

    @Override
    public synchronized void apply(Configuration configuration) {
        configuration.requireLegalOn(this);
        knobs.apply(configuration);
        if (adpf != null) {
            // Set the session from the knobs every time: the app may have changed it through adpf() meanwhile.
            adpf.updateTargetWorkDurationNs(knobs.current(ADPF_TARGET_US) * 1000L);
            boolean efficiency = knobs.has(ADPF_PREFER_EFFICIENCY) && knobs.current(ADPF_PREFER_EFFICIENCY) == EFFICIENCY_ON;
            if (knobs.has(ADPF_PREFER_EFFICIENCY) && adpf.prefersPowerEfficiency() != efficiency) {
                adpf.setPreferPowerEfficiency(efficiency);
            }
        }
    }

    @Override
    public void restore() {
        apply(Configuration.governed());
    }

    /** The values of every knob now, as a configuration (what an inference should run with). */
    public Configuration configuration() {
        return knobs.values();
    }

    public MeterSelection meters() {
        return meters;
    }

    /** The thermal sensor with its status and headroom (the hybrid strategy's early warning). */
    public AndroidThermalSensor thermal() {
        return thermal;
    }

    /** The ADPF session, or null where ADPF is unavailable or was not asked for. */
    public AdpfSession adpf() {
        return adpf;
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return meters.energyMeters();
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return meters.powerMeters();
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        return Collections.<ThermalSensor>singletonList(thermal);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double maxPowerW() {
        return maxPowerW;
    }

    @Override
    public void close() {
        restore();
        if (adpf != null) {
            adpf.close();
        }
    }
}
