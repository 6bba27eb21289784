package org.zeusmobile.core.measure;

import java.util.Locale;

/**
 * What a sensor can read at all, from physics: a reading outside these bounds is a glitch or a garbage
 * file, never a measurement, and is flagged like a NaN one. The bounds are wide on purpose: they catch
 * nonsense ({@code current_now = 99999999999999999999}), not unusual devices.
 */
public final class Plausible {

    /**
     * Power of one metered device, W: more than one wall circuit delivers (a single-phase 230 V, 32 A
     * circuit carries 7.4 kW), far above a phone (under 20 W) or a Jetson AGX Orin (60 W, DESIGN.md section 5).
     */
    public static final double MAX_POWER_W = 10_000;
    /**
     * Battery or rail current, A: the fastest phone charging (120 W into a two-cell pack at about 10 V) is
     * about 12 A, and an INA3221 with the smallest practical shunt reads a few tens of A at most.
     */
    public static final double MAX_CURRENT_A = 100;
    /**
     * Battery or rail voltage, V: DC at or below 60 V is safety extra-low voltage (IEC 61140), which every
     * battery pack and board input this tool meters stays under (PoE: 57 V).
     */
    public static final double MAX_VOLTAGE_V = 60;
    /** The lowest air temperature measured on Earth, -89.2 °C at Vostok station: no device runs colder. */
    public static final double MIN_CELSIUS = -90;
    /** Above 200 °C solder softens (SAC305 melts at 217 °C); silicon junctions are rated to 125-150 °C. */
    public static final double MAX_CELSIUS = 200;

    private Plausible() {
    }

    /** Null when {@code watts} is a power a device can draw, else why not. */
    public static String powerProblem(double watts) {
        if (Double.isNaN(watts) || Double.isInfinite(watts)) {
            return "is not a number";
        }
        if (Math.abs(watts) > MAX_POWER_W) {
            return String.format(Locale.ROOT, "is beyond the %.0f W any one device draws", MAX_POWER_W);
        }
        return null;
    }

    /** Null when {@code amps} is a current a battery or rail carries, else why not. */
    public static String currentProblem(double amps) {
        if (Double.isNaN(amps) || Double.isInfinite(amps)) {
            return "is not a number";
        }
        if (Math.abs(amps) > MAX_CURRENT_A) {
            return String.format(Locale.ROOT, "is beyond the %.0f A any battery or board rail carries", MAX_CURRENT_A);
        }
        return null;
    }

    /** Null when {@code volts} is a battery or rail voltage, else why not. */
    public static String voltageProblem(double volts) {
        if (Double.isNaN(volts) || Double.isInfinite(volts)) {
            return "is not a number";
        }
        if (volts < 0 || volts > MAX_VOLTAGE_V) {
            return String.format(Locale.ROOT, "is outside the 0 to %.0f V of any battery or board rail", MAX_VOLTAGE_V);
        }
        return null;
    }

    /** Null when {@code celsius} is a temperature a working device has, else why not. */
    public static String temperatureProblem(double celsius) {
        if (Double.isNaN(celsius) || Double.isInfinite(celsius)) {
            return "is not a number";
        }
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            return String.format(Locale.ROOT, "is outside the %.0f to %.0f °C a working device can have", MIN_CELSIUS,
                    MAX_CELSIUS);
        }
        return null;
    }

    /**
     * Whether an energy counter may rise by {@code deltaJ} over {@code seconds}: at most {@link #MAX_POWER_W}
     * over the time plus one update period (a counter that updates in steps shows a period's energy at once).
     */
    public static boolean energyRise(double deltaJ, double seconds, double updatePeriodS) {
        return deltaJ <= MAX_POWER_W * (Math.max(0, seconds) + Math.max(0, updatePeriodS));
    }
}
