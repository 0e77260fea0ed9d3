package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A linear model, alone or at the end of a pipeline of preprocessing steps, scored in the JVM in the library's
 * order of operations: the first transformer reads the request's columns, the next ones the float64 columns it
 * gave, and the linear model's decision function ({@link LinearScores}) what comes out; a classifier's
 * probabilities follow its {@link LogisticLink}.
 *
 * @param featureNames the request columns read, in the order the first transformer takes them
 * @param first        the first transformer (a bare estimator's is {@link NumericSteps} with no step)
 * @param then         the pipeline's further numeric steps
 * @param classes      {@code classes_} of a classifier
 * @param estimator    the final estimator's class name, for the library's refusal
 */
record LinearPipeline(List<String> featureNames, Preprocessing first, List<NumericStep> then, LinearScores scores,
                      Optional<LogisticLink> link, Optional<List<String>> classes, String estimator)
        implements ScoringModel {

    LinearPipeline {
        featureNames = List.copyOf(featureNames);
        then = List.copyOf(then);
    }

    @Override
    public String predictor() {
        return "SKLearnPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        int rows = frame.rowCount();
        Map<String, Integer> byName = frame.indexByName();
        Column[] inputs = new Column[featureNames.size()];
        for (int f = 0; f < inputs.length; f++) {
            inputs[f] = frame.column(byName.get(featureNames.get(f)));
        }
        double[][] x = NumericSteps.applySteps(then, first.apply(inputs, featureNames, rows), rows);
        refuseNotFinite(x, rows);
        double[][] decision = scores.of(x, rows);
        if (link.isEmpty()) {
            return RawPredictions.positional(decision);
        }
        return RawPredictions.labelled(link.get().probabilities(decision, rows), classes.orElseThrow());
    }

    /**
     * The final estimator's {@code check_array}: no NaN (none was imputed) and no infinity (a scaler's overflow
     * included), as the library refuses them; Timpani answers 422 with its words (R-ERR-1).
     */
    private void refuseNotFinite(double[][] x, int rows) {
        for (double[] column : x) {
            for (int row = 0; row < rows; row++) {
                double value = column[row];
                if (value != value) {
                    throw new BadInputException("Input X contains NaN.\n" + estimator + " does not accept missing "
                            + "values encoded as NaN natively. (row " + (row + 1) + ")");
                }
                if (Double.isInfinite(value)) {
                    throw new BadInputException("Input X contains infinity or a value too large for "
                            + "dtype('float64'). (row " + (row + 1) + ")");
                }
            }
        }
    }
}
