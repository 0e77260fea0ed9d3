package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.trees.NumpySum;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.objects.ClassDict;

/**
 * {@code GaussianNB.predict_proba} (sklearn/naive_bayes.py, 1.2.1 to 1.9.1), in the library's order of operations:
 * per class {@code i}, {@code jointi = log(class_prior_[i])},
 * {@code n_ij = -0.5 * sum(log(2.0 * pi * var_[i, :]))} (a contiguous vector: NumPy's pairwise sum),
 * {@code n_ij - 0.5 * sum(((X - theta_[i, :]) ** 2) / var_[i, :], axis=1)}, {@code jointi + n_ij}; then
 * {@code exp(jll - logsumexp(jll, axis=1))} ({@link LogSumExp}, by version). Only {@code exp} and {@code log} may
 * differ from NumPy's vectorised ones in the last bit; the proof's tolerance is for that.
 * <p>
 * The sum over features is NumPy's reduction along axis 1, whose order follows {@code X}'s memory layout: the
 * C-ordered array of a ColumnTransformer, or a single row, is summed pairwise ({@link NumpySum}); the Fortran-ordered
 * array NumPy makes of a DataFrame of several rows (as DRUM passes a request) is summed left to right, column after
 * column. The two agree below eight features. At the end of a pipeline the steps decide the layout: C-ordered after
 * a PCA or a ColumnTransformer with a dense one-hot part of two columns or more
 * ({@link ColumnTransformation#cOrdered}); after other steps eight features or more are declined. Only {@code log}
 * and {@code exp} (SVML's in NumPy on this CPU, glibc's elsewhere; bench/exactness/README.md) remain.
 *
 * @param logPrior   {@code log(class_prior_[i])}
 * @param logNorm    {@code -0.5 * sum(log(2.0 * pi * var_[i, :]))}
 * @param theta      {@code theta_} as {@code [class][feature]}
 * @param var        {@code var_} as {@code [class][feature]} (smoothing already added at fit)
 * @param dataFrame  whether {@code X} is a DataFrame's array (a bare estimator as DRUM calls it), else C-ordered
 * @param logSumExp  the version's {@code logsumexp}
 * @param classes    {@code classes_}
 */
record GaussianNaiveBayes(double[] logPrior, double[] logNorm, double[][] theta, double[][] var, boolean dataFrame,
                          LogSumExp logSumExp, List<String> classes) implements FinalEstimator {

    static final String CLASS = "sklearn.naive_bayes.GaussianNB";
    /** Fewer classes than this: NumPy's sum over a row of the joint log likelihood is left to right in any layout. */
    private static final int PAIRWISE_BLOCK = 8;

    /**
     * @param dataFrame whether the estimator is the model itself (DRUM hands it the request's DataFrame) rather than
     *                  the end of a pipeline
     * @param cOrdered  whether the steps before it are known to hand it a C-ordered batch
     */
    static GaussianNaiveBayes read(ClassDict estimator, SkLearnVersion version, boolean dataFrame,
                                   boolean cOrdered) {
        LogSumExp logSumExp = LogSumExp.of(version).orElseThrow(() -> new ModelDeclinedException(
                "GaussianNB of scikit-learn " + version.text() + " is not compiled: which logsumexp it calls was "
                        + "read for 1.2 to 1.6 and 1.9 only"));
        List<String> classes = FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_"));
        int k = classes.size();
        if (k >= PAIRWISE_BLOCK) {
            throw new ModelDeclinedException("GaussianNB with " + k + " classes is not compiled: NumPy sums eight "
                    + "or more classes pairwise in an order that depends on logsumexp's copies");
        }
        int[] shape = PickledArrays.shape(estimator, "theta_");
        if (shape.length != 2 || shape[0] != k || !Arrays.equals(PickledArrays.shape(estimator, "var_"), shape)) {
            throw new ModelDeclinedException("GaussianNB's theta_ / var_ are not of shape (classes, features)");
        }
        int features = shape[1];
        if (!dataFrame && !cOrdered && features >= PAIRWISE_BLOCK) {
            throw new ModelDeclinedException("GaussianNB after these steps is compiled below " + PAIRWISE_BLOCK
                    + " features only: NumPy's sum over " + features + " follows the memory layout of the steps' "
                    + "output, known to be C-ordered only after a PCA or a ColumnTransformer with a one-hot part of "
                    + "two columns or more");
        }
        double[] prior = PickledArrays.doubles(estimator, "class_prior_");
        if (prior.length != k) {
            throw PickledArrays.declined(estimator, "class_prior_", estimator.get("class_prior_"));
        }
        double[][] theta = rows(PickledArrays.doubles(estimator, "theta_"), k, features);
        double[][] var = rows(PickledArrays.doubles(estimator, "var_"), k, features);
        double[] logPrior = new double[k];
        double[] logNorm = new double[k];
        double twoPi = 2.0 * Math.PI; // 2.0 * np.pi first: Python's left-to-right product
        double[] logs = new double[features];
        for (int i = 0; i < k; i++) {
            logPrior[i] = Math.log(prior[i]);
            for (int f = 0; f < features; f++) {
                logs[f] = Math.log(twoPi * var[i][f]);
            }
            logNorm[i] = -0.5 * NumpySum.of(logs, 0, features);
        }
        return new GaussianNaiveBayes(logPrior, logNorm, theta, var, dataFrame, logSumExp, classes);
    }

    private static double[][] rows(double[] flat, int k, int features) {
        double[][] rows = new double[k][];
        for (int i = 0; i < k; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * features, (i + 1) * features);
        }
        return rows;
    }

    @Override
    public int features() {
        return theta[0].length;
    }

    @Override
    public RawPredictions predict(double[][] x, int rows) {
        // _check_X: check_array refuses NaN and infinities (1e300 is answered, NaN where the squares overflow)
        Float64Inputs.refuseNotFinite(x, rows, "GaussianNB");
        int k = logPrior.length;
        int features = features();
        boolean pairwise = !dataFrame || rows == 1;
        double[][] jll = new double[rows][k];
        double[] terms = new double[features];
        for (int i = 0; i < k; i++) {
            double[] mean = theta[i];
            double[] variance = var[i];
            for (int row = 0; row < rows; row++) {
                for (int f = 0; f < features; f++) {
                    double d = x[f][row] - mean[f];
                    terms[f] = d * d / variance[f]; // ** 2 is np.square; then the division
                }
                double sum;
                if (pairwise) {
                    sum = NumpySum.of(terms, 0, features);
                } else {
                    sum = 0.0;
                    for (int f = 0; f < features; f++) {
                        sum += terms[f];
                    }
                }
                jll[row][i] = logPrior[i] + (logNorm[i] - 0.5 * sum);
            }
        }
        double[][] proba = new double[k][rows];
        for (int row = 0; row < rows; row++) {
            double norm = logSumExp.of(jll[row], k);
            for (int i = 0; i < k; i++) {
                proba[i][row] = Math.exp(jll[row][i] - norm);
            }
        }
        return RawPredictions.labelled(proba, classes);
    }

    @Override
    public String evaluator() {
        return "the compiled float64 evaluator";
    }
}
