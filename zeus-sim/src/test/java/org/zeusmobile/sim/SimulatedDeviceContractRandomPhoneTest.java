package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on a generated phone (sim:random, a seed that draws a phone). */
class SimulatedDeviceContractRandomPhoneTest extends DeviceTck {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:random,seed=" + RandomSocTest.firstSeed(false), 0L);
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
