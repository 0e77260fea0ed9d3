package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.List;
import java.util.Map;

/**
 * An estimator, alone or at the end of a pipeline of preprocessing steps, scored in the JVM in the library's
 * order of operations: the first transformer reads the request's columns, the next ones the float64 columns it
 * gave, and the final estimator ({@link FinalEstimator}) what comes out.
 *
 * @param featureNames the request columns read, in the order the first transformer takes them
 * @param first        the first transformer (a bare estimator's is {@link NumericSteps} with no step)
 * @param then         the pipeline's further numeric steps
 * @param last         the final estimator
 */
record CompiledPipeline(List<String> featureNames, Preprocessing first, List<NumericStep> then, FinalEstimator last)
        implements ScoringModel {

    CompiledPipeline {
        featureNames = List.copyOf(featureNames);
        then = List.copyOf(then);
    }

    /** A pipeline's output columns, named in a final estimator's refusals by their place. */
    static List<String> outputColumnNames(int width) {
        List<String> names = new java.util.ArrayList<>(width);
        for (int f = 0; f < width; f++) {
            names.add("column " + f + " of the pipeline's output");
        }
        return names;
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
        return last.predict(NumericSteps.applySteps(then, first.apply(inputs, featureNames, rows), rows), rows);
    }
}
