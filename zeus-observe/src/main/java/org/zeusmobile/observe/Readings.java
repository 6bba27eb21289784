package org.zeusmobile.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.measure.DomainEnergy;
import org.zeusmobile.core.control.Window;

/** What the exporters read of a device and a window, one way for all of them. */
public final class Readings {

    private Readings() {
    }

    /**
     * Each knob's value as the device reports it now (Hz for frequencies: what the hardware runs, which a
     * thermal cap may hold below the pinned value), by knob; knobs that cannot be read are left out.
     */
    public static Map<Knob, Long> knobs(Device device) {
        Map<Knob, Long> values = new LinkedHashMap<>();
        for (Knob knob : device.knobs()) {
            try {
                values.put(knob, device.current(knob.name()));
            } catch (DeviceException e) {
                // An unreadable knob is missing from this reading, not a failed run.
            }
        }
        return values;
    }

    /** The energy in J each meter domain measured over the window; domains without a valid reading left out. */
    public static Map<String, Double> energyJ(Window window) {
        Map<String, Double> energy = new LinkedHashMap<>();
        for (DomainEnergy domain : window.measurement().domains().values()) {
            if (domain.valid() && !Double.isNaN(domain.energyJ())) {
                energy.put(domain.domain(), domain.energyJ());
            }
        }
        return energy;
    }
}
