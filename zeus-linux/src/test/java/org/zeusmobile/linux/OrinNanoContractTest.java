package org.zeusmobile.linux;

class OrinNanoContractTest extends FixtureDeviceContract {

    @Override
    String fixture() {
        return FixtureTrees.ORIN_NANO;
    }
}
