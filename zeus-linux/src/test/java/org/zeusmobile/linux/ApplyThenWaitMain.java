package org.zeusmobile.linux;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * A child JVM for the crash tests: opens the fixture copy at args[0] (kernel emulated), pins every
 * knob to a value other than its current one, prints APPLIED and waits to be killed.
 */
public final class ApplyThenWaitMain {

    private ApplyThenWaitMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Paths.get(args[0]);
        SysfsDevice device = SysfsDevice.open(new KernelEmulator(new LocalSysFs(root), root),
                new SysfsDevice.Options().shutdownHook(true));
        device.apply(differentFromCurrent(device));
        System.out.println("APPLIED");
        System.out.flush();
        Thread.sleep(120_000);
    }

    static Configuration differentFromCurrent(SysfsDevice device) {
        Map<String, Long> pins = new HashMap<>();
        for (Knob knob : device.knobs()) {
            long current = device.current(knob.name());
            pins.put(knob.name(), knob.max() != current ? knob.max() : knob.min());
        }
        return Configuration.of(pins);
    }
}
