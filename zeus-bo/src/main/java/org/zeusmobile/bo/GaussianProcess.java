package org.zeusmobile.bo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Gaussian-process regression on inputs in [0, 1]^d (normalised knob positions) with one length scale per
 * dimension, fitted by maximising the log marginal likelihood (Rasmussen and Williams 2006, eq. 2.30) over a
 * grid, one coordinate at a time. Targets are standardised inside; predictions come back in their units.
 * The Cholesky factorisation and the triangular solves are EJML's. Immutable once fitted.
 */
public final class GaussianProcess {

    /** The covariance function. */
    public enum Kernel {
        /** Matérn with nu = 5/2: twice differentiable, the usual choice for BO (Snoek et al. 2012). */
        MATERN52,
        /** Squared exponential. */
        RBF
    }

    private static final double[] LENGTH_GRID = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 4};
    private static final double[] NOISE_GRID = {1e-6, 1e-4, 1e-3, 1e-2, 3e-2, 0.1, 0.3};
    private static final int FIT_PASSES = 2;

    private final Kernel kernel;
    private final double[][] x;
    private final double yMean;
    private final double yScale;
    private final double[] lengthScales;
    private final double noiseVariance;
    private final double[] lower; // the Cholesky factor L of K + noise I, row-major
    private final double[] alpha; // (K + noise I)^-1 y, standardised
    private final double logMarginalLikelihood;

    private GaussianProcess(Kernel kernel, double[][] x, double yMean, double yScale, double[] lengthScales,
            double noiseVariance, double[] lower, double[] alpha, double logMarginalLikelihood) {
        this.kernel = kernel;
        this.x = x;
        this.yMean = yMean;
        this.yScale = yScale;
        this.lengthScales = lengthScales;
        this.noiseVariance = noiseVariance;
        this.lower = lower;
        this.alpha = alpha;
        this.logMarginalLikelihood = logMarginalLikelihood;
    }

    /**
     * Fits a GP to {@code y} at {@code x} (each row one point in [0, 1]^d), choosing length scales and noise
     * by maximum marginal likelihood.
     */
    public static GaussianProcess fit(double[][] x, double[] y, Kernel kernel) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("a GP needs as many targets as inputs and at least one: got " + x.length
                    + " inputs, " + y.length + " targets");
        }
        int d = x[0].length;
        double[][] inputs = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("input " + i + " has " + x[i].length + " dimensions, expected " + d);
            }
            inputs[i] = x[i].clone();
        }
        double mean = 0;
        for (double v : y) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("GP targets must be finite, got " + v);
            }
            mean += v;
        }
        mean /= y.length;
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean);
        }
        double scale = y.length > 1 ? Math.sqrt(var / (y.length - 1)) : 1;
        if (!(scale > 1e-12)) {
            scale = Math.max(1e-12, Math.abs(mean) * 1e-6);
        }
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (y[i] - mean) / scale;
        }
        double[] lengths = new double[d];
        java.util.Arrays.fill(lengths, 0.5);
        double noise = 1e-3;
        GaussianProcess best = build(kernel, inputs, mean, scale, z, lengths.clone(), noise);
        if (best == null) {
            best = build(kernel, inputs, mean, scale, z, lengths.clone(), 0.3);
        }
        if (best == null) {
            throw new IllegalStateException("the GP covariance matrix could not be factorised; are inputs NaN?");
        }
        for (int pass = 0; pass < FIT_PASSES && y.length > 1; pass++) {
            for (int k = 0; k < d; k++) {
                for (double candidate : LENGTH_GRID) {
                    double[] trial = best.lengthScales.clone();
                    trial[k] = candidate;
                    GaussianProcess gp = build(kernel, inputs, mean, scale, z, trial, best.noiseVariance);
                    if (gp != null && (best == null || gp.logMarginalLikelihood > best.logMarginalLikelihood)) {
                        best = gp;
                    }
                }
            }
            for (double candidate : NOISE_GRID) {
                GaussianProcess gp = build(kernel, inputs, mean, scale, z, best.lengthScales, candidate);
                if (gp != null && gp.logMarginalLikelihood > best.logMarginalLikelihood) {
                    best = gp;
                }
            }
        }
        return best;
    }

    /** Builds the GP with fixed hyperparameters; null when the covariance is not positive definite. */
    private static GaussianProcess build(Kernel kernel, double[][] x, double mean, double scale, double[] z,
            double[] lengths, double noise) {
        int n = x.length;
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double c = covariance(kernel, x[i], x[j], lengths);
                k.unsafe_set(i, j, c);
                k.unsafe_set(j, i, c);
            }
            k.unsafe_set(i, i, k.unsafe_get(i, i) + noise + 1e-9);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(k)) {
            return null;
        }
        DMatrixRMaj l = chol.getT(null);
        double[] alpha = z.clone();
        TriangularSolver_DDRM.solveL(l.data, alpha, n);
        double fit = 0;
        for (double v : alpha) {
            fit += v * v;
        }
        TriangularSolver_DDRM.solveTranL(l.data, alpha, n);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += Math.log(l.unsafe_get(i, i));
        }
        double lml = -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
        return new GaussianProcess(kernel, x, mean, scale, lengths, noise, l.data, alpha, lml);
    }

    static double covariance(Kernel kernel, double[] a, double[] b, double[] lengths) {
        double r2 = 0;
        for (int k = 0; k < a.length; k++) {
            double d = (a[k] - b[k]) / lengths[k];
            r2 += d * d;
        }
        if (kernel == Kernel.RBF) {
            return Math.exp(-0.5 * r2);
        }
        double r = Math.sqrt(5 * r2);
        return (1 + r + 5 * r2 / 3) * Math.exp(-r);
    }

    /** The posterior mean at {@code point}, in the targets' units. */
    public double mean(double[] point) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m += covariance(kernel, point, x[i], lengthScales) * alpha[i];
        }
        return yMean + yScale * m;
    }

    /** The posterior mean and standard deviation (of the latent function, noise excluded) at {@code point}. */
    public double[] predict(double[] point) {
        int n = x.length;
        double[] v = new double[n];
        double m = 0;
        for (int i = 0; i < n; i++) {
            v[i] = covariance(kernel, point, x[i], lengthScales);
            m += v[i] * alpha[i];
        }
        TriangularSolver_DDRM.solveL(lower, v, n);
        double explained = 0;
        for (double value : v) {
            explained += value * value;
        }
        double variance = Math.max(1e-12, 1 - explained);
        return new double[] {yMean + yScale * m, yScale * Math.sqrt(variance)};
    }

    public double[] lengthScales() {
        return lengthScales.clone();
    }

    /** The fitted noise variance, relative to the standardised targets' variance. */
    public double noiseVariance() {
        return noiseVariance;
    }

    public double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    public int size() {
        return x.length;
    }
}
