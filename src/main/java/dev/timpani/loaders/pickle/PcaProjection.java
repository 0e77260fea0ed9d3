package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.Arrays;
import net.razorvine.pickle.objects.ClassDict;

/**
 * {@code PCA.transform} on a dense array (sklearn/decomposition/_base.py, {@code _BasePCA}), in the order of
 * operations of the version that wrote the pickle:
 * <ul>
 * <li>up to 1.3 (read in 1.2.1): {@code X = X - mean_}, then {@code X @ components_.T}, then with {@code whiten}
 *     {@code /= sqrt(explained_variance_)};</li>
 * <li>from 1.5 (read in 1.6.1 and 1.9.1, {@code _transform}; its variance clipping names the {@code covariance_eigh}
 *     solver 1.5 added): {@code X @ components_.T}, then {@code -= mean_ @ components_.T} (the centring after the
 *     projection), then with {@code whiten} {@code /= max(sqrt(explained_variance_), eps)}.</li>
 * </ul>
 * 1.4 is declined: its transform is not read here. NaN and infinities are refused first with PCA's own words, as its
 * {@code validate_data} (finite only) does. Not elementwise: the products go through BLAS, as NumPy picks it
 * ({@link OpenBlasDot}): a batch by several components through {@code dgemm} (each cell's products left to right,
 * fused, as here), one row by one component through {@code ddot}. One row or the mean by several components goes
 * through {@code dgemv}, and a batch by one component through {@code dgemv_n} (a DataFrame's F-ordered array), whose
 * orders are not reproduced: left to right, fused, here. The proof bounds what differs ({@link #exact()}).
 *
 * @param components    {@code components_} as {@code [component][feature]}
 * @param mean          {@code mean_}, subtracted before the projection (up to 1.3); null from 1.5
 * @param projectedMean {@code mean_ @ components_.T}, subtracted after it (from 1.5); null up to 1.3
 * @param scale         what a whitened projection is divided by; null without {@code whiten}
 */
record PcaProjection(double[][] components, double[] mean, double[] projectedMean, double[] scale)
        implements NumericStep {

    static final String PCA = "sklearn.decomposition._pca.PCA";

    /** From the fitted attributes {@code transform} reads, in {@code version}'s order of operations. */
    static PcaProjection read(ClassDict pca, SkLearnVersion version) {
        if (version.major() == 1 && version.minor() == 4) {
            throw new ModelDeclinedException("PCA of scikit-learn " + version.text() + " is not compiled (its "
                    + "transform's order of operations is not read); the workers serve it");
        }
        int[] shape = PickledArrays.shape(pca, "components_");
        double[] flat = PickledArrays.doubles(pca, "components_");
        double[] mean = PickledArrays.doubles(pca, "mean_");
        if (shape.length != 2 || shape[0] < 1 || mean.length != shape[1]) {
            throw new ModelDeclinedException("PCA has components_ of shape " + Arrays.toString(shape)
                    + " and " + mean.length + " means, which the compiled evaluator does not read");
        }
        double[][] components = new double[shape[0]][];
        for (int k = 0; k < components.length; k++) {
            components[k] = Arrays.copyOfRange(flat, k * shape[1], (k + 1) * shape[1]);
        }
        boolean centreAfter = version.atLeast(1, 5);
        double[] scale = null;
        if (Boolean.TRUE.equals(pca.get("whiten"))) {
            double[] variance = PickledArrays.doubles(pca, "explained_variance_");
            if (variance.length != components.length) {
                throw PickledArrays.declined(pca, "explained_variance_", pca.get("explained_variance_"));
            }
            scale = new double[variance.length];
            for (int k = 0; k < scale.length; k++) {
                scale[k] = Math.sqrt(variance[k]);
                // 1.5+: scale[scale < eps] = eps, float64's eps (2^-52); a NaN is left as it is.
                if (centreAfter && scale[k] < Math.ulp(1.0)) {
                    scale[k] = Math.ulp(1.0);
                }
            }
        } else if (!Boolean.FALSE.equals(pca.get("whiten"))) {
            throw PickledArrays.declined(pca, "whiten", pca.get("whiten"));
        }
        if (!centreAfter) {
            return new PcaProjection(components, mean, null, scale);
        }
        double[] projectedMean = new double[components.length];
        for (int k = 0; k < components.length; k++) {
            projectedMean[k] = vectorByMatrix(mean, components, k);
        }
        return new PcaProjection(components, null, projectedMean, scale);
    }

    @Override
    public int width(int inputs) {
        if (inputs != components[0].length) {
            throw new ModelDeclinedException("PCA was fitted on " + components[0].length + " features, and the "
                    + "steps before it give " + inputs);
        }
        return components.length;
    }

    /** Not bit for bit: a sum of products, whose order in BLAS is not one the library keeps. */
    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public double[][] apply(double[][] columns, int rows) {
        Float64Inputs.refuseNotFinite(columns, rows, "PCA");
        int features = columns.length;
        int count = components.length;
        double[][] out = new double[count][rows];
        double[] row = new double[features];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                row[f] = mean == null ? columns[f][r] : columns[f][r] - mean[f];
            }
            for (int k = 0; k < count; k++) {
                double value = rows == 1 ? vectorByMatrix(row, components, k)
                        : OpenBlasDot.fusedLeftToRight(row, components[k], features);
                if (projectedMean != null) {
                    value -= projectedMean[k];
                }
                if (scale != null) {
                    value /= scale[k];
                }
                out[k][r] = value;
            }
        }
        return out;
    }

    /**
     * Cell {@code k} of one row by {@code components_.T}: {@code ddot} for one component; else BLAS's {@code dgemv},
     * whose order here is not OpenBLAS's {@code dgemv_t} for a few columns (measured on {@code mean_ @ components_.T}
     * of 1.6.1 and 1.9.1: a fused left-to-right sum matched more often), so left to right, fused.
     */
    private static double vectorByMatrix(double[] row, double[][] components, int k) {
        return components.length == 1 ? OpenBlasDot.ddot(row, components[0], row.length)
                : OpenBlasDot.fusedLeftToRight(row, components[k], row.length);
    }
}
