package org.zeusmobile.core.measure;

import java.util.function.DoubleUnaryOperator;
import org.zeusmobile.core.Clock;

/** A test power meter whose reading is a function of the clock's time in seconds. */
final class FunctionPowerMeter implements PowerMeter {

    private final Clock clock;
    private final DoubleUnaryOperator powerAtSeconds;
    private final MeterDescription description;

    FunctionPowerMeter(String domain, Clock clock, long updatePeriodNs, DoubleUnaryOperator powerAtSeconds) {
        this.clock = clock;
        this.powerAtSeconds = powerAtSeconds;
        this.description = MeterDescription.power("function-" + domain, domain, 1e-3, updatePeriodNs);
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    @Override
    public double readW() {
        return powerAtSeconds.applyAsDouble(clock.nanoTime() / 1e9);
    }
}
