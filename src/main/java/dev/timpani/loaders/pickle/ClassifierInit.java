package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.List;
import org.jpmml.python.HasArray;
import org.jpmml.python.PythonObject;

/**
 * A GradientBoostingClassifier's init raw predictions. A binary one's, the same for every row ({@code _gb.py}'s
 * {@code _init_raw_predictions}, 1.6.1 and 1.9.1): zeros for {@code init='zero'}; otherwise the init
 * {@code DummyClassifier(strategy="prior")}'s {@code predict_proba} (its {@code class_prior_} on every row),
 * clipped to {@code [eps, 1 - eps]} (float32's eps in 1.6.1, float64's in 1.9.1) and sent through the loss's link
 * ({@code _loss/link.py}'s {@code LogitLink}, {@code HalfLogitLink}): scipy's {@code logit} of the positive class
 * (xsf's {@code log_exp.h}), {@code log(p / (1 - p))} outside [0.3, 0.65] and {@code log1p(s) - log1p(-s)},
 * {@code s = 2 (p - 0.5)}, inside; half of it for the exponential loss.
 * <p>
 * scipy calls libm's {@code log} and {@code log1p}; {@code Math.log} and {@code Math.log1p} differed from glibc's
 * on 638 of 2,200,000 and 1,269 of 1,000,000 random arguments here, so on a rare prior this one constant could be
 * an ulp off. The proof found none on 98 generated binary models (1.6.1 and 1.9.1); the gate serves only what it
 * proved, and a new corpus would show such a model.
 */
final class ClassifierInit {

    private ClassifierInit() {
    }

    static double rawPrediction(String name, Object init, boolean halfLogit, SkLearnVersion version) {
        if ("zero".equals(init)) {
            return 0.0;
        }
        List<?> stored = prior(name, init);
        if (stored.size() != 2) {
            throw new ModelDeclinedException(name + "'s init DummyClassifier has " + stored.size()
                    + " class priors for 2 classes");
        }
        double eps = version.atLeast(1, 9) ? Math.ulp(1.0) : Math.ulp(1.0f);
        // np.clip(predictions[:, 1], eps, 1 - eps): the positive class's prior.
        double positive = Math.min(Math.max(((Number) stored.get(1)).doubleValue(), eps), 1 - eps);
        double logit = logit(positive);
        return halfLogit ? 0.5 * logit : logit;
    }

    /**
     * A multiclass classifier's init raw predictions, one per class and the same for every row: zeros for
     * {@code init='zero'}; otherwise the prior's {@code predict_proba}, each clipped to {@code [eps, 1 - eps]}
     * (float32's eps in 1.6.1, float64's in 1.9.1), through {@code MultinomialLogit.link} ({@code _loss/link.py}):
     * {@code log(p / gmean(p))}, scipy's {@code gmean} being {@code exp(mean(log(p)))}. NumPy's vectorised
     * {@code log} and {@code exp} may differ from {@code Math}'s in the last bit, so these constants may be an ulp
     * off: the proof's tolerance for the multiclass classifier says how far that reaches
     * ({@code ExactnessProofTest.tolerance}).
     */
    static double[] multinomialRawPredictions(String name, Object init, int classes, SkLearnVersion version) {
        if ("zero".equals(init)) {
            return new double[classes];
        }
        List<?> stored = prior(name, init);
        if (stored.size() != classes) {
            throw new ModelDeclinedException(name + "'s init DummyClassifier has " + stored.size()
                    + " class priors for " + classes + " classes");
        }
        double eps = version.atLeast(1, 9) ? Math.ulp(1.0) : Math.ulp(1.0f);
        double[] p = new double[classes];
        double logSum = 0.0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.min(Math.max(((Number) stored.get(k)).doubleValue(), eps), 1 - eps);
            // np.mean over a row this short is a left-to-right sum (NumPy's pairwise sum starts at 8), then / n.
            logSum += Math.log(p[k]);
        }
        double gmean = Math.exp(logSum / classes);
        double[] raw = new double[classes];
        for (int k = 0; k < classes; k++) {
            raw[k] = Math.log(p[k] / gmean);
        }
        return raw;
    }

    /** The init DummyClassifier(strategy='prior')'s {@code class_prior_}. */
    private static List<?> prior(String name, Object init) {
        if (!(init instanceof PythonObject dummy) || !"sklearn.dummy.DummyClassifier".equals(dummy.getClassName())
                || !"prior".equals(dummy.get("strategy"))) {
            throw new ModelDeclinedException(name + " with the init estimator "
                    + (init instanceof PythonObject object ? object.getClassName() : String.valueOf(init))
                    + " is not compiled; only DummyClassifier(strategy='prior') and 'zero' are");
        }
        return ((HasArray) dummy.get("class_prior_")).getArrayContent();
    }

    /** scipy's {@code logit} (xsf's {@code log_exp.h}). */
    private static double logit(double p) {
        if (p < 0.3 || p > 0.65) {
            return Math.log(p / (1 - p));
        }
        double s = 2 * (p - 0.5);
        return Math.log1p(s) - Math.log1p(-s);
    }
}
