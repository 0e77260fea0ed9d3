package dev.timpani.loaders.pickle;

import dev.timpani.model.RawPredictions;
import java.util.List;
import java.util.Optional;

/**
 * A linear model's decision function ({@link LinearScores}) and, for a classifier, its probabilities
 * ({@link LogisticLink}); NaN and infinities refused first, as the estimator's {@code check_array} does.
 *
 * @param classes   {@code classes_} of a classifier
 * @param estimator the estimator's class name, for the library's refusal
 * @param logLink   whether a regressor answers {@code np.exp} of its decision (a log-link GLM's
 *                  {@code LogLink.inverse}: NumPy's vectorised {@code exp}, within the proof's tolerance)
 */
record LinearEstimator(LinearScores scores, Optional<LogisticLink> link, Optional<List<String>> classes,
                       String estimator, boolean logLink) implements FinalEstimator {

    @Override
    public int features() {
        return scores.features();
    }

    @Override
    public RawPredictions predict(double[][] x, int rows) {
        Float64Inputs.refuseNotFinite(x, rows, estimator);
        double[][] decision = scores.of(x, rows);
        if (link.isEmpty()) {
            if (logLink) {
                double[] values = decision[0];
                for (int row = 0; row < rows; row++) {
                    values[row] = Math.exp(values[row]);
                }
            }
            return RawPredictions.positional(decision);
        }
        return RawPredictions.labelled(link.get().probabilities(decision, rows), classes.orElseThrow());
    }

    @Override
    public String evaluator() {
        return "the compiled linear evaluator";
    }
}
