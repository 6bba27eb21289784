package org.zeusmobile.linux;

class Snapdragon8Gen2ContractTest extends FixtureDeviceContract {

    @Override
    String fixture() {
        return FixtureTrees.SNAPDRAGON;
    }
}
