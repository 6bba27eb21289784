package org.zeusmobile.sim;

import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on a generated edge board (sim:random, a seed that draws a board). */
class SimulatedDeviceContractRandomBoardTest extends DeviceTck {

    @Override
    protected Device openDevice() {
        return SimulatedDevice.open("sim:random,seed=" + RandomSocTest.firstSeed(true), 0L);
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        ((SimulatedDevice) device).idleFor(nanos);
    }
}
