package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.DeploymentTarget;
import dev.timpani.data.Frame;
import dev.timpani.data.PortablePredictionsJsonWriter;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.Predictions;
import dev.timpani.model.TargetType;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * R-CFG-11: with a DataRobot deployment config ({@code --deployment-config} / {@code DEPLOYMENT_CONFIG}) structured
 * predictions are answered in the Portable Prediction Server shape, as DRUM answers them. The file is read once,
 * at start-up: one that is not JSON, or has no {@code target}, stops the start with DRUM's message.
 */
@Component
class PortableResponses {

    /** The probability a binary prediction must exceed when the config gives no threshold. */
    private static final double DEFAULT_THRESHOLD = 0.5;

    private final Optional<DeploymentTarget> target;
    private final PortablePredictionsJsonWriter writer = new PortablePredictionsJsonWriter();

    PortableResponses(TimpaniProperties properties) {
        this.target = Optional.ofNullable(properties.drum().deploymentConfig()).map(DeploymentTarget::read);
    }

    boolean enabled() {
        return target.isPresent();
    }

    /** Writes the predictions in the PPS shape; refuses, before writing, what the config cannot describe. */
    void write(OutputStream out, TargetType targetType, Predictions predictions) {
        DeploymentTarget config = target.orElseThrow();
        Frame extra = predictions.extraOutput().orElse(null);
        if (predictions instanceof Predictions.Numbers numbers) {
            String label = switch (targetType) {
                case ANOMALY -> "Anomaly Score";
                case REGRESSION, TEXTGENERATION, GEOPOINT, VECTORDATABASE, AGENTICWORKFLOW -> config.name();
                default -> throw unsupported(targetType);
            };
            writer.writeValues(out, label, numbers.values(), extra);
            return;
        }
        if (predictions instanceof Predictions.Texts texts) {
            writer.writeTexts(out, config.name(), texts.values(), extra);
            return;
        }
        Predictions.Probabilities probabilities = (Predictions.Probabilities) predictions;
        List<String> modelLabels = probabilities.labels().labels();
        List<String> classes = config.classNames() != null ? config.classNames() : modelLabels;
        double threshold = config.predictionThreshold() != null ? config.predictionThreshold() : DEFAULT_THRESHOLD;
        switch (targetType) {
            case BINARY -> {
                if (classes.size() != 2) {
                    throw new ModelFailedException("The deployment config's class_mapping of a binary target must "
                            + "name two classes, not " + classes);
                }
                // DRUM: the class with index 1 in class_mapping is the positive one.
                double[] positive = probabilities.byLabel()[column(modelLabels, classes.get(1))];
                writer.writeBinary(out, classes.get(1), classes.get(0), positive, threshold, extra);
            }
            case MULTICLASS -> writer.writeMulticlass(out, classes, columns(probabilities, classes), extra);
            case MULTILABEL -> writer.writeMultilabel(out, classes, columns(probabilities, classes), threshold, extra);
            default -> throw unsupported(targetType);
        }
    }

    private static double[][] columns(Predictions.Probabilities probabilities, List<String> classes) {
        double[][] columns = new double[classes.size()][];
        for (int i = 0; i < classes.size(); i++) {
            columns[i] = probabilities.byLabel()[column(probabilities.labels().labels(), classes.get(i))];
        }
        return columns;
    }

    private static int column(List<String> modelLabels, String name) {
        int index = modelLabels.indexOf(name);
        if (index < 0) {
            throw new ModelFailedException("The deployment config's class '" + name
                    + "' is not one of the model's class labels " + modelLabels);
        }
        return index;
    }

    private static ModelFailedException unsupported(TargetType targetType) {
        return new ModelFailedException("target type '" + targetType.drumName() + "' is not supported");
    }
}
