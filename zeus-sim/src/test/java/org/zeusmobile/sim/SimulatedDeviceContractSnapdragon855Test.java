package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on the built-in profile snapdragon-855. */
class SimulatedDeviceContractSnapdragon855Test extends DeviceTck {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:snapdragon-855", 0L);
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
