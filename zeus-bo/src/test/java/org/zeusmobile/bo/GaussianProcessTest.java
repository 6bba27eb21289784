package org.zeusmobile.bo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    private static double f(double x) {
        return Math.sin(2 * Math.PI * x) + 0.5 * x;
    }

    @Test
    void recoversAKnownOneDimensionalFunction() {
        for (GaussianProcess.Kernel kernel : GaussianProcess.Kernel.values()) {
            int n = 12;
            double[][] x = new double[n][1];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i][0] = i / (double) (n - 1);
                y[i] = f(x[i][0]);
            }
            GaussianProcess gp = GaussianProcess.fit(x, y, kernel);
            double worst = 0;
            for (int i = 0; i <= 200; i++) {
                double at = i / 200.0;
                worst = Math.max(worst, Math.abs(gp.mean(new double[] {at}) - f(at)));
            }
            assertThat(worst).as("max error of the %s fit", kernel).isLessThan(0.05);
        }
    }

    @Test
    void isConfidentAtDataAndUncertainAwayFromIt() {
        double[][] x = {{0.0}, {0.1}, {0.2}, {0.8}, {0.9}, {1.0}};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i][0]);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, GaussianProcess.Kernel.MATERN52);
        double atData = gp.predict(new double[] {0.1})[1];
        double inGap = gp.predict(new double[] {0.5})[1];
        assertThat(inGap).isGreaterThan(10 * atData);
    }

    @Test
    void fitsNoiseInsteadOfChasingIt() {
        Random random = new Random(3);
        int n = 40;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble();
            y[i] = f(x[i][0]) + 0.1 * random.nextGaussian();
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, GaussianProcess.Kernel.MATERN52);
        assertThat(gp.noiseVariance()).isGreaterThan(1e-3);
        double worst = 0;
        for (int i = 0; i <= 100; i++) {
            double at = 0.05 + 0.9 * i / 100.0;
            worst = Math.max(worst, Math.abs(gp.mean(new double[] {at}) - f(at)));
        }
        assertThat(worst).isLessThan(0.15);
    }

    @Test
    void learnsThatAnIrrelevantDimensionIsFlat() {
        Random random = new Random(5);
        int n = 25;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = f(x[i][0]); // the second input does not matter
        }
        double[] lengths = GaussianProcess.fit(x, y, GaussianProcess.Kernel.MATERN52).lengthScales();
        assertThat(lengths[1]).isGreaterThan(2 * lengths[0]);
    }

    @Test
    void rejectsMismatchedOrNonFiniteData() {
        assertThatThrownBy(() -> GaussianProcess.fit(new double[][] {{0}}, new double[] {1, 2},
                GaussianProcess.Kernel.RBF)).hasMessageContaining("as many targets");
        assertThatThrownBy(() -> GaussianProcess.fit(new double[][] {{0}}, new double[] {Double.NaN},
                GaussianProcess.Kernel.RBF)).hasMessageContaining("finite");
    }
}
