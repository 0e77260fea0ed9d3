package dev.timpani.loaders.pickle;

import dev.timpani.trees.NumpySum;

/**
 * {@code logsumexp(jll, axis=1)} of one row, as the library that normalises GaussianNB's joint log likelihood computes
 * it ({@code _BaseNB.predict_log_proba}, sklearn/naive_bayes.py). Which function that is depends on the version: it
 * is SciPy's until scikit-learn has its own, and SciPy rewrote it in 1.15. The three forms agree but for rounding
 * and for what a row of infinities or NaN gives, and a rounding at {@code ulp(max)} is a relative difference of the
 * probabilities when the joint log likelihoods are large, so each form is kept as written.
 * <p>
 * Rows have fewer than eight classes here ({@link GaussianNaiveBayes} declines more), so NumPy's pairwise sum over a
 * row is the left-to-right sum whatever the array's memory layout ({@link NumpySum}).
 */
enum LogSumExp {
    /**
     * scipy/special/_logsumexp.py before 1.15 (Debian's SciPy 1.10.1, beside scikit-learn 1.2.1): {@code a_max}
     * ({@code np.amax}, NaN if any is NaN) set to 0 where not finite, {@code log(sum(exp(a - a_max))) + a_max}.
     */
    SCIPY_CLASSIC,
    /**
     * scipy/special/_logsumexp.py 1.15 and later (SciPy 1.17.1, beside scikit-learn 1.6.1): the maxima left out of the
     * sum and counted ({@code m}), {@code log1p(s / m) + log(m) + a_max}, a NaN where the sign is negative, and the
     * direct {@code log(sum(exp(a)))} wherever that result is not finite.
     */
    SCIPY_LOG1P,
    /**
     * scikit-learn's own {@code _logsumexp} (sklearn/utils/_array_api.py 1.9.1, "simplified from" SciPy's): as
     * {@link #SCIPY_LOG1P} but shifting by 0 where {@code a_max} is not finite, with no sign test and no fallback.
     */
    SKLEARN_LOG1P;

    /** Which one the version that wrote the model calls; empty for a version whose code was not read here. */
    static java.util.Optional<LogSumExp> of(SkLearnVersion version) {
        if (!version.atLeast(1, 6)) {
            // scikit-learn 1.2.1's naive_bayes.py: from scipy.special import logsumexp (the proof's SciPy is 1.10).
            return java.util.Optional.of(SCIPY_CLASSIC);
        }
        if (!version.atLeast(1, 7)) {
            // 1.6.1: still SciPy's; the proof's venv resolves SciPy 1.17.1.
            return java.util.Optional.of(SCIPY_LOG1P);
        }
        if (version.atLeast(1, 9)) {
            // 1.9.1: sklearn.utils._array_api._logsumexp.
            return java.util.Optional.of(SKLEARN_LOG1P);
        }
        return java.util.Optional.empty();
    }

    /** {@code logsumexp} of {@code a[0..count)}. */
    double of(double[] a, int count) {
        double max = a[0];
        for (int k = 1; k < count; k++) {
            // np.amax / xp.max: NaN if any value is NaN
            max = max != max || a[k] != a[k] ? Double.NaN : Math.max(max, a[k]);
        }
        return switch (this) {
            case SCIPY_CLASSIC -> classic(a, count, max);
            case SCIPY_LOG1P -> {
                double out = log1p(a, count, max, max, true);
                yield Double.isFinite(out) ? out : direct(a, count);
            }
            case SKLEARN_LOG1P -> log1p(a, count, max, Double.isFinite(max) ? max : 0.0, false);
        };
    }

    private static double classic(double[] a, int count, double max) {
        double shift = Double.isFinite(max) ? max : 0.0;
        double[] exp = new double[count];
        for (int k = 0; k < count; k++) {
            exp[k] = Math.exp(a[k] - shift);
        }
        return Math.log(NumpySum.of(exp, 0, count)) + shift;
    }

    /** The rewritten form: the maxima ({@code a == a_max}) are set to -inf and counted, the rest summed. */
    private static double log1p(double[] a, int count, double max, double shift, boolean signTest) {
        double m = 0.0;
        double[] exp = new double[count];
        for (int k = 0; k < count; k++) {
            boolean isMax = a[k] == max;
            m += isMax ? 1.0 : 0.0;
            exp[k] = Math.exp((isMax ? Double.NEGATIVE_INFINITY : a[k]) - shift);
        }
        double s = NumpySum.of(exp, 0, count);
        s = s == 0.0 ? s : s / m;
        if (signTest) {
            // sgn = sign(s + 1) * sign(m); s < -1 and a negative sign cannot come from exp, but are kept as written.
            double sign = Math.signum(s + 1) * Math.signum(m);
            s = s < -1 ? -s - 2 : s;
            double out = Math.log1p(s) + Math.log(Math.abs(m)) + max;
            return sign < 0 ? Double.NaN : out;
        }
        return Math.log1p(s) + Math.log(m) + max;
    }

    /** {@code log(sum(exp(a)))}: SciPy 1.15+'s answer where the shifted one is not finite. */
    private static double direct(double[] a, int count) {
        double[] exp = new double[count];
        for (int k = 0; k < count; k++) {
            exp[k] = Math.exp(a[k]);
        }
        return Math.log(NumpySum.of(exp, 0, count));
    }
}
