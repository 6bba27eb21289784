package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceContract;

/** The Device contract on a generated phone (sim:random, a seed that draws a phone). */
class SimulatedDeviceContractRandomPhoneTest extends DeviceContract {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:random,seed=" + RandomSocTest.firstSeed(false), 0L);
    }

    @Override
    protected void letTimePass(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
