package org.zeusmobile.linux;

class IntelLaptopContractTest extends FixtureDeviceContract {

    @Override
    String fixture() {
        return FixtureTrees.INTEL;
    }
}
