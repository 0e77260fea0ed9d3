package dev.timpani.loaders.pickle;

import dev.timpani.trees.GlibcExp;

/**
 * libsvm's {@code Kernel::k_function} for dense nodes, as scikit-learn's fork computes it
 * (sklearn/svm/src/libsvm/svm.cpp, the same in 1.2.1, 1.6.1 and 1.9.1):
 * <ul>
 * <li>linear: {@code dot(x, sv)};</li>
 * <li>poly: {@code powi(gamma * dot(x, sv) + coef0, degree)}, libsvm's square-and-multiply {@code powi};</li>
 * <li>rbf: {@code exp(-gamma * dot(d, d))} with {@code d = x - sv} formed first, {@code exp} glibc's
 *     ({@link GlibcExp});</li>
 * <li>sigmoid: {@code tanh(gamma * dot(x, sv) + coef0)}.</li>
 * </ul>
 * {@code dot} is BLAS's {@code ddot} there (scipy's BLAS: OpenBLAS), in {@link OpenBlasDot}'s order. Measured on the
 * generated SVR models (1 to 10 features, so {@code ddot}'s left-to-right tail alone): a plain left-to-right sum
 * matched 60 to 95 % of rows per kernel; with OpenBLAS's fused multiply-adds every row of the linear, poly and rbf
 * models, and all but 2 of 3,108 sigmoid rows (glibc's own {@code tanh}, built for FMA, against Java's
 * {@code StrictMath} port of the same fdlibm algorithm: the last bit). The proof bounds the rest
 * ({@code ExactnessProofTest.tolerance}).
 *
 * @param type   which of the four
 * @param gamma  {@code _gamma}: the fitted value ({@code 'scale'} / {@code 'auto'} resolved in fit)
 * @param coef0  {@code coef0} (poly, sigmoid)
 * @param degree {@code degree} (poly)
 */
record SvmKernel(Type type, double gamma, double coef0, int degree) {

    /** The kernels libsvm computes from two vectors ({@code precomputed} and callables are declined at load). */
    enum Type {
        LINEAR, POLY, RBF, SIGMOID
    }

    /**
     * {@code K(x, sv)}; {@code scratch} holds {@code x - sv} for rbf (libsvm's {@code m_array}), as long as {@code x}.
     */
    double of(double[] x, double[] sv, double[] scratch) {
        int features = x.length;
        return switch (type) {
            case LINEAR -> OpenBlasDot.ddot(x, sv, features);
            case POLY -> powi(gamma * OpenBlasDot.ddot(x, sv, features) + coef0, degree);
            case RBF -> {
                for (int i = 0; i < features; i++) {
                    scratch[i] = x[i] - sv[i];
                }
                yield GlibcExp.exp(-gamma * OpenBlasDot.ddot(scratch, scratch, features));
            }
            case SIGMOID -> StrictMath.tanh(gamma * OpenBlasDot.ddot(x, sv, features) + coef0);
        };
    }

    /** libsvm's {@code powi}: square and multiply, low bit first; 1 for a degree of 0. */
    static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }
}
