package org.zeusmobile.linux;

class JetsonTx2ContractTest extends FixtureDeviceContract {

    @Override
    String fixture() {
        return FixtureTrees.TX2;
    }
}
