package org.zeusmobile.linux;

class Pixel6OdpmContractTest extends FixtureDeviceContract {

    @Override
    String fixture() {
        return FixtureTrees.PIXEL;
    }
}
