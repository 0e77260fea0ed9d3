package dev.timpani.loaders.scoringcode;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.TargetType;
import java.util.List;
import java.util.Optional;

/**
 * The labels a classifier's probability columns are reported under, before {@link dev.timpani.model.PredictionContract}
 * matches them to the requested labels (R-OUT-11).
 *
 * <p>DRUM's Java predictor ({@code datarobot-user-models}, {@code custom_model_runner/datarobot_drum/drum/
 * language_predictors/java_predictor/.../com/datarobot/drum/ScoringCode.java}, {@code configure} and {@code scoreRow})
 * does not match a two-class model's labels to the requested ones: it builds
 * {@code classLabels = {positiveClassLabel, negativeClassLabel}} (the {@code --class-labels} list otherwise) and,
 * whenever {@code getClassLabels().length == 2}, puts the probability of the model's label 0 under
 * {@code classLabels[0]} and of its label 1 under {@code classLabels[1]} — whatever the labels are called.
 * So the model's label 0 is taken for the positive class given on the command line (DRUM relies on DataRobot's binary
 * scoring code listing its positive class first). Models with more classes keep their own labels, which must then
 * match (R-OUT-11).
 */
final class ReportedLabels {

    private ReportedLabels() {
    }

    static List<String> of(String[] modelLabels, TargetType targetType, Optional<ClassLabels> requested) {
        if (modelLabels.length != 2 || requested.isEmpty() || requested.get().size() < 2) {
            return List.of(modelLabels);
        }
        List<String> drumOrder = targetType == TargetType.BINARY
                // ClassLabels keep binary as [negative, positive] (R-OUT-10); DRUM's array is [positive, negative].
                ? List.of(requested.get().get(1), requested.get().get(0))
                : requested.get().labels();
        return List.of(drumOrder.get(0), drumOrder.get(1));
    }
}
