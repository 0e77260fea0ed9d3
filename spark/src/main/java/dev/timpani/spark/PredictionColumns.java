package dev.timpani.spark;

import dev.timpani.data.PythonFloat;
import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.Predictions;
import dev.timpani.model.TargetType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The columns a model's predictions add, named as {@code score}'s csv names them: {@code Predictions} for
 * regression and anomaly (a double) and for the text target types (the model's strings); for classification one
 * probability column per class label in the configured order, then {@code Predictions} with the label of the
 * highest probability (the first such label on a tie).
 */
final class PredictionColumns implements Serializable {

    static final String PREDICTIONS = "Predictions";

    private enum Kind { NUMBER, TEXT, PROBABILITIES }

    private final Kind kind;
    private final List<String> labels;

    private PredictionColumns(Kind kind, List<String> labels) {
        this.kind = kind;
        this.labels = List.copyOf(labels);
    }

    static PredictionColumns of(LoadedModel model) {
        TargetType type = model.targetType();
        if (type.isClassification()) {
            ClassLabels labels = model.classLabels().orElseThrow(() -> new IllegalArgumentException("The "
                    + type.drumName() + " model needs its class labels: give positive-class-label and "
                    + "negative-class-label, class-labels or class-labels-file"));
            return new PredictionColumns(Kind.PROBABILITIES, labels.labels());
        }
        if (type.answersText()) {
            return new PredictionColumns(Kind.TEXT, List.of());
        }
        if (type.isNumericSingleColumn()) {
            return new PredictionColumns(Kind.NUMBER, List.of());
        }
        throw new IllegalArgumentException("A " + type.drumName() + " model does not score rows; Timpani on Spark "
                + "scores regression, anomaly, binary, multiclass, multilabel and the text target types");
    }

    List<StructField> fields() {
        List<StructField> fields = new ArrayList<>();
        for (String label : labels) {
            fields.add(DataTypes.createStructField(label, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField(PREDICTIONS,
                kind == Kind.NUMBER ? DataTypes.DoubleType : DataTypes.StringType, true));
        return fields;
    }

    int width() {
        return labels.size() + 1;
    }

    /** Row {@code row}'s values into {@code out} from {@code offset}, in {@link #fields()} order. */
    void fill(Predictions predictions, int row, Object[] out, int offset) {
        if (predictions instanceof Predictions.Probabilities p) {
            double[][] byLabel = p.byLabel();
            int best = 0;
            for (int label = 0; label < byLabel.length; label++) {
                double value = byLabel[label][row];
                out[offset + label] = value;
                if (value > byLabel[best][row]) {
                    best = label;
                }
            }
            out[offset + byLabel.length] = p.labels().get(best);
        } else if (predictions instanceof Predictions.Numbers n) {
            out[offset] = kind == Kind.TEXT ? PythonFloat.csv(n.values()[row]) : n.values()[row];
        } else {
            out[offset] = ((Predictions.Texts) predictions).values()[row];
        }
    }
}
