package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on the built-in profile jetson-tx2. */
class SimulatedDeviceContractJetsonTx2Test extends DeviceTck {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:jetson-tx2", 0L);
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
