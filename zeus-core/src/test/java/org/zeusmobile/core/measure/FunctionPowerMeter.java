package org.zeusmobile.core.measure;

import java.util.function.DoubleUnaryOperator;
import org.zeusmobile.core.Clock;

/** A test power meter whose reading is a function of the clock's time in seconds. */
final class FunctionPowerMeter implements PowerMeter {

    private final String domain;
    private final Clock clock;
    private final long updatePeriodNs;
    private final DoubleUnaryOperator powerAtSeconds;

    FunctionPowerMeter(String domain, Clock clock, long updatePeriodNs, DoubleUnaryOperator powerAtSeconds) {
        this.domain = domain;
        this.clock = clock;
        this.updatePeriodNs = updatePeriodNs;
        this.powerAtSeconds = powerAtSeconds;
    }

    @Override
    public String name() {
        return "function-" + domain;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public double resolutionW() {
        return 1e-3;
    }

    @Override
    public long updatePeriodNs() {
        return updatePeriodNs;
    }

    @Override
    public boolean estimated() {
        return false;
    }

    @Override
    public double readW() {
        return powerAtSeconds.applyAsDouble(clock.nanoTime() / 1e9);
    }
}
