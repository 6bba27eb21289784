package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on the built-in profile snapdragon-8-gen-2. */
class SimulatedDeviceContractSnapdragon8Gen2Test extends DeviceTck {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
