package org.zeusmobile.linux;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceProvider;

/**
 * {@code adb}: the only phone {@code adb devices} lists; {@code adb:SERIAL}: that phone. Options after a
 * comma: {@code adb=PATH} (the adb executable; default: system property {@code zeus.adb}, environment
 * {@code ZEUS_ADB}, else {@code adb} on PATH), {@code su=auto|always|never}, {@code timeoutMs=N} per shell call
 * (default 10000), {@code journalDir=DIR} (the journal's own directory, mode 0700; default {@code /data/local/tmp/zeus-mobile}),
 * {@code maxPowerW=W}, {@code reconnectS=N} (how long restore waits for a device that went away; default 30).
 */
public final class AdbDeviceProvider implements DeviceProvider {

    static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** Meter reads within this age share one shell round-trip: one per Monitor sample. */
    static final long SAMPLE_MAX_AGE_NS = 5_000_000L;

    private static final List<String> KEYS = Arrays.asList("", "adb", "su", "timeoutMs", "journalDir", "maxPowerW", "reconnectS");

    @Override
    public String scheme() {
        return "adb";
    }

    @Override
    public List<String> usage() {
        return Arrays.asList("adb (the one phone `adb devices` lists)",
                "adb:SERIAL (that phone; options: ,su=auto|always|never ,adb=PATH ,timeoutMs=N ,journalDir=DIR ,maxPowerW=W ,reconnectS=N)");
    }

    @Override
    public Device open(String spec) {
        Map<String, String> options = LinuxDeviceProvider.options(spec, "adb", KEYS);
        String adb = options.get("adb");
        if (adb == null) {
            adb = System.getProperty("zeus.adb", System.getenv("ZEUS_ADB") == null ? "adb" : System.getenv("ZEUS_ADB"));
        }
        long timeoutNs = (long) (LinuxDeviceProvider.number(options.containsKey("timeoutMs") ? options.get("timeoutMs")
                : Long.toString(DEFAULT_TIMEOUT_MS), "timeoutMs", spec, 100, 600_000, "ms") * 1_000_000L);
        // every option checked before adb runs
        SysfsDevice.Options open = new SysfsDevice.Options().spec(spec).journalParents(SysfsDevice.ADB_JOURNAL_PARENTS)
                .sampleMaxAgeNs(SAMPLE_MAX_AGE_NS)
                .reconnectTimeoutNs((long) (LinuxDeviceProvider.number(options.containsKey("reconnectS") ? options.get("reconnectS") : "30",
                        "reconnectS", spec, 0, 3600, "s") * 1e9));
        if (options.containsKey("journalDir")) {
            open.journalDir(options.get("journalDir"));
        }
        if (options.containsKey("maxPowerW")) {
            open.maxPowerW(LinuxDeviceProvider.maxPowerW(options.get("maxPowerW"), spec));
        }
        String serial = options.get("");
        if (serial != null && !serial.isEmpty()) {
            AdbSysFs.requireSerial(serial);
        }
        AdbSysFs.Su su = AdbSysFs.Su.AUTO;
        if (options.containsKey("su")) {
            try {
                su = AdbSysFs.Su.valueOf(options.get("su").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device spec '" + spec + "': su=" + options.get("su") + " is not auto, always or never");
            }
        }
        if (serial == null || serial.isEmpty()) {
            List<String> serials = AdbSysFs.devices(adb, timeoutNs);
            if (serials.size() != 1) {
                throw new DeviceException(serials.isEmpty() ? "no phone is connected over adb: plug one in and authorise it, then check `adb devices`"
                        : "several phones are connected over adb (" + serials + "): name one, e.g. adb:" + serials.get(0));
            }
            serial = serials.get(0);
        }
        return SysfsDevice.open(AdbSysFs.connect(adb, serial, timeoutNs, su), open);
    }
}
