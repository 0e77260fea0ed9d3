package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.RawPredictions;
import java.util.Arrays;
import net.razorvine.pickle.objects.ClassDict;

/**
 * {@code SVR.predict} on a dense array: scikit-learn's {@code libsvm.predict} (sklearn/svm/_libsvm.pyx) with the model
 * {@code set_model} builds (sklearn/svm/src/libsvm/libsvm_helper.c: {@code rho = -intercept}), then
 * {@code svm_predict_values} (svm.cpp): {@code sum += sv_coef[i] * K(x, SV[i])} over the support vectors in order,
 * from 0, then {@code sum -= rho}. NaN and infinities are refused first, as {@code _validate_for_predict}'s
 * {@code validate_data} does in 1.2.1, 1.6.1 and 1.9.1 alike.
 *
 * @param vectors   {@code support_vectors_}, one array per support vector
 * @param features  how many columns a support vector has
 * @param dualCoef  {@code _dual_coef_[0]}, one per support vector
 * @param rho       {@code -_intercept_[0]}
 * @param kernel    the fitted kernel
 */
record SupportVectorRegression(double[][] vectors, int features, double[] dualCoef, double rho, SvmKernel kernel)
        implements FinalEstimator {

    static final String SVR = "sklearn.svm._classes.SVR";

    /**
     * From the attributes {@code BaseLibSVM._dense_predict} passes to libsvm. A sparse-fitted model, a precomputed or
     * callable kernel, or a model whose {@code _n_support} disagrees with its support vectors (which the library
     * refuses to predict with) is declined.
     */
    static SupportVectorRegression read(ClassDict svr) {
        Object kernelName = svr.get("kernel");
        SvmKernel.Type type = switch (kernelName instanceof String name ? name : "") {
            case "linear" -> SvmKernel.Type.LINEAR;
            case "poly" -> SvmKernel.Type.POLY;
            case "rbf" -> SvmKernel.Type.RBF;
            case "sigmoid" -> SvmKernel.Type.SIGMOID;
            default -> throw new ModelDeclinedException("SVR with kernel=" + (kernelName instanceof String name
                    ? "'" + name + "'" : "a " + Unpickled.classNameOf(kernelName)) + " is not compiled; the workers "
                    + "serve it");
        };
        if (!Boolean.FALSE.equals(svr.get("_sparse"))) {
            throw new ModelDeclinedException("an SVR fitted on a sparse matrix is not compiled; the workers serve it");
        }
        int[] shape = PickledArrays.shape(svr, "support_vectors_");
        int[] coefShape = PickledArrays.shape(svr, "_dual_coef_");
        double[] vectors = PickledArrays.doubles(svr, "support_vectors_");
        double[] dualCoef = PickledArrays.doubles(svr, "_dual_coef_");
        double[] intercept = PickledArrays.doubles(svr, "_intercept_");
        double[] nSupport = PickledArrays.doubles(svr, "_n_support");
        if (shape.length != 2 || coefShape.length != 2 || coefShape[0] != 1 || coefShape[1] != shape[0]
                || intercept.length != 1) {
            throw new ModelDeclinedException("SVR has support_vectors_ of shape " + Arrays.toString(shape)
                    + " and _dual_coef_ of shape " + Arrays.toString(coefShape) + ", which the compiled evaluator "
                    + "does not read");
        }
        if (shape[0] > 0 && (nSupport.length == 0 || nSupport[0] != shape[0])) {
            throw new ModelDeclinedException("The internal representation of SVR was altered (_n_support "
                    + Arrays.toString(nSupport) + " for " + shape[0] + " support vectors)");
        }
        double[] gamma = PickledArrays.doubles(svr, "_gamma");
        double[] coef0 = PickledArrays.doubles(svr, "coef0");
        if (gamma.length != 1 || coef0.length != 1 || !(svr.get("degree") instanceof Number degree)
                || degree.doubleValue() != degree.intValue()) {
            throw new ModelDeclinedException("SVR has _gamma, coef0 or degree of a type the compiled evaluator does "
                    + "not read");
        }
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(vectors, i * shape[1], (i + 1) * shape[1]);
        }
        return new SupportVectorRegression(rows, shape[1], dualCoef, -intercept[0],
                new SvmKernel(type, gamma[0], coef0[0], degree.intValue()));
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public RawPredictions predict(double[][] x, int rows) {
        Float64Inputs.refuseNotFinite(x, rows, "SVR");
        int count = dualCoef.length;
        double[] row = new double[features];
        double[] scratch = new double[features];
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                row[f] = x[f][r];
            }
            double sum = 0.0;
            for (int i = 0; i < count; i++) {
                sum += dualCoef[i] * kernel.of(row, vectors[i], scratch);
            }
            out[r] = sum - rho;
        }
        return RawPredictions.positional(new double[][] {out});
    }

    @Override
    public String evaluator() {
        return "the compiled float64 evaluator";
    }
}
