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
 */
record LinearEstimator(LinearScores scores, Optional<LogisticLink> link, Optional<List<String>> classes,
                       String estimator) implements FinalEstimator {

    @Override
    public int features() {
        return scores.features();
    }

    @Override
    public RawPredictions predict(double[][] x, int rows) {
        Float64Inputs.refuseNotFinite(x, rows, estimator);
        double[][] decision = scores.of(x, rows);
        if (link.isEmpty()) {
            return RawPredictions.positional(decision);
        }
        return RawPredictions.labelled(link.get().probabilities(decision, rows), classes.orElseThrow());
    }

    @Override
    public String evaluator() {
        return "the compiled linear evaluator";
    }
}
