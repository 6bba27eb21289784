package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceContract;

/** The Device contract on the built-in profile snapdragon-855. */
class SimulatedDeviceContractSnapdragon855Test extends DeviceContract {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:snapdragon-855", 0L);
    }

    @Override
    protected void letTimePass(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
