package dev.timpani.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DRUM's checks on every model output ({@code data_marshalling.py}, R-OUT-11..16). A violation is the model's
 * fault: {@link ModelFailedException} with DRUM's own sentence.
 */
public final class PredictionContract {

    private final TargetType targetType;
    private final Optional<ClassLabels> requestLabels;

    public PredictionContract(TargetType targetType, Optional<ClassLabels> requestLabels) {
        this.targetType = targetType;
        this.requestLabels = requestLabels;
    }

    public Predictions check(RawPredictions raw, int inputRows) {
        if (raw.columnCount() > 0 && raw.rowCount() != inputRows) {
            throw new ModelFailedException("The model returned " + raw.rowCount() + " predictions for "
                    + inputRows + " input rows");
        }
        if (raw.isText() && !targetType.answersText()) {
            // R-OUT-1..3: only the text target types (R-OUT-5) may answer strings.
            throw new ModelFailedException("Predictions must be numbers for a " + targetType.drumName() + " model");
        }
        if (targetType.isClassification()) {
            return probabilities(raw, inputRows);
        }
        if (raw.columnCount() != 1) {
            // R-OUT-15, DRUM's sentence for every single-column target type, geopoint and vector database included
            throw new ModelFailedException("Regression, Text Generation, Agentic Workflow and anomaly predictions "
                    + "must contain only 1 column. Your predictions have " + raw.columnCount() + " columns");
        }
        if (raw.isText()) {
            return new Predictions.Texts(raw.texts()[0], raw.extraOutput());
        }
        // A text target type's model that answered numbers (a drop-in regressor) keeps them: DRUM does not cast.
        return new Predictions.Numbers(raw.columns()[0], raw.extraOutput());
    }

    private Predictions probabilities(RawPredictions raw, int inputRows) {
        ClassLabels labels = requestLabels.orElseThrow(() -> new ModelFailedException(
                "No class labels are configured for this " + targetType.drumName() + " model"));
        double[][] byLabel = raw.columnLabels().isPresent()
                ? orderedByRequest(raw, labels)
                : raw.columns();
        byLabel = inferNegativeClass(byLabel, labels);
        if (byLabel.length != labels.size()) {
            // R-OUT-13
            throw new ModelFailedException("Your predictions must return the probability distribution for the correct "
                    + "number of class labels. Expected " + labels.size() + " columns, but received " + byLabel.length);
        }
        if (targetType != TargetType.MULTILABEL) {
            checkDistribution(byLabel, inputRows);
        }
        return new Predictions.Probabilities(labels, byLabel, raw.extraOutput());
    }

    /** R-OUT-11: the model's own labels must be the requested ones, up to DRUM's standardising. */
    private double[][] orderedByRequest(RawPredictions raw, ClassLabels labels) {
        List<String> modelLabels = raw.columnLabels().orElseThrow();
        List<Object> requested = new ArrayList<>(labels.size());
        labels.labels().forEach(label -> requested.add(standardize(label)));
        List<Object> reported = new ArrayList<>(modelLabels.size());
        modelLabels.forEach(label -> reported.add(standardize(label)));
        if (!new java.util.HashSet<>(requested).equals(new java.util.HashSet<>(reported))) {
            throw new ModelFailedException("Expected predictions to have columns " + pythonList(drumOrder(labels))
                    + ", but encountered " + pythonList(modelLabels));
        }
        if (requested.size() != reported.size()) {
            return raw.columns(); // duplicates: leave it to the column-count check
        }
        double[][] ordered = new double[requested.size()][];
        for (int i = 0; i < requested.size(); i++) {
            ordered[i] = raw.columns()[reported.indexOf(requested.get(i))];
        }
        return ordered;
    }

    /**
     * The request's labels as DRUM lists them in its messages: its {@code class_ordering}
     * ({@code drum_class_label_adapter.py}), which {@code marshal_predictions} gets as the request labels, puts a
     * binary model's positive label first; class labels keep the order given.
     */
    private List<String> drumOrder(ClassLabels labels) {
        if (targetType == TargetType.BINARY && labels.size() == 2) {
            return List.of(labels.get(1), labels.get(0));
        }
        return labels.labels();
    }

    /** R-OUT-12: one column for a binary model is P(positive). */
    private static double[][] inferNegativeClass(double[][] byLabel, ClassLabels labels) {
        if (byLabel.length != 1) {
            return byLabel;
        }
        if (labels.size() == 1) {
            throw new ModelFailedException("Classification problems must have more than one class label");
        }
        if (labels.size() != 2) {
            throw new ModelFailedException("Only one dimension of probability returned, but there are "
                    + labels.size() + " class labels in this model");
        }
        double[] positive = byLabel[0];
        double[] negative = new double[positive.length];
        for (int row = 0; row < positive.length; row++) {
            negative[row] = 1 - positive[row];
        }
        return new double[][] {negative, positive};
    }

    /** R-OUT-14, with numpy's isclose defaults (rtol 1e-5, atol 1e-8). */
    private static void checkDistribution(double[][] byLabel, int rows) {
        for (double[] column : byLabel) {
            for (double p : column) {
                if (p < 0) {
                    throw new ModelFailedException("Your prediction probabilities have negative values");
                }
            }
        }
        for (double[] column : byLabel) {
            for (double p : column) {
                if (p > 1) {
                    throw new ModelFailedException("Your prediction probabilities have values greater than 1");
                }
            }
        }
        for (int row = 0; row < rows; row++) {
            double sum = 0;
            for (double[] column : byLabel) {
                sum += column[row];
            }
            if (!(Math.abs(sum - 1) <= 1e-8 + 1e-5)) {
                throw new ModelFailedException("Your prediction probabilities do not add up to 1. (row " + (row + 1)
                        + " sums to " + sum + ")");
            }
        }
    }

    /** DRUM's {@code _standardize}: a float if it parses, then a strtobool as 0/1, else lower case. */
    static Object standardize(String label) {
        String text = label.strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notAFloat) {
            // fall through
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "y", "yes", "t", "true", "on" -> 1.0;
            case "n", "no", "f", "false", "off" -> 0.0;
            default -> lower;
        };
    }

    private static String pythonList(List<String> labels) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < labels.size(); i++) {
            text.append(i == 0 ? "'" : ", '").append(labels.get(i)).append('\'');
        }
        return text.append(']').toString();
    }
}
