package dev.timpani.loaders.xgboost;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.ColumnPositions;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.InputSchema;
import java.util.Arrays;
import java.util.List;

/** Which request column feeds which booster feature, and the row-major float matrix XGBoost predicts on. */
sealed interface FeatureLayout {

    int featureCount();

    /** What the booster declares: its named features (XGBoost reads float32), else a matrix of its width. */
    InputSchema schema();

    /** The request as {@code rows x featureCount} floats, row-major, NaN where a value is missing. */
    float[] rowMajor(Frame frame);

    static FeatureLayout of(String[] featureNames, int featureCount) {
        return hasNames(featureNames) ? new ByName(List.of(featureNames)) : new Positional(featureCount);
    }

    /** XGBoost4J answers a model saved without names (say, a legacy binary one) with none or with nulls. */
    private static boolean hasNames(String[] featureNames) {
        if (featureNames == null || featureNames.length == 0) {
            return false;
        }
        for (String name : featureNames) {
            if (name == null || name.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The booster was trained with named features: columns are matched by name, extra columns are ignored. */
    final class ByName implements FeatureLayout {

        private final List<String> names;
        private final ColumnPositions positions;

        ByName(List<String> names) {
            this.names = List.copyOf(names);
            this.positions = new ColumnPositions(names);
        }

        @Override
        public int featureCount() {
            return names.size();
        }

        @Override
        public InputSchema schema() {
            return new InputSchema.Columns(names.stream()
                    .map(name -> new InputSchema.Field(name, InputSchema.ValueType.FLOAT32)).toList());
        }

        @Override
        public float[] rowMajor(Frame frame) {
            int[] columnOf = positions.in(frame);
            float[] matrix = new float[frame.rowCount() * columnOf.length];
            for (int feature = 0; feature < columnOf.length; feature++) {
                if (columnOf[feature] < 0) {
                    // XGBoost routes missing values down each split's default branch.
                    fillColumn(matrix, feature, columnOf.length, Float.NaN);
                } else {
                    copyColumn(frame, columnOf[feature], matrix, feature, columnOf.length);
                }
            }
            return matrix;
        }
    }

    /** No names in the model file: the request's columns are the features, in order. */
    record Positional(int featureCount) implements FeatureLayout {

        @Override
        public InputSchema schema() {
            return new InputSchema.Matrix("input", InputSchema.ValueType.FLOAT32,
                    java.util.OptionalInt.of(featureCount));
        }

        @Override
        public float[] rowMajor(Frame frame) {
            if (frame.columnCount() != featureCount) {
                throw new BadInputException("The model expects " + featureCount + " features, the request has "
                        + frame.columnCount() + " columns");
            }
            float[] matrix = new float[frame.rowCount() * featureCount];
            for (int feature = 0; feature < featureCount; feature++) {
                copyColumn(frame, feature, matrix, feature, featureCount);
            }
            return matrix;
        }
    }

    private static void fillColumn(float[] matrix, int feature, int stride, float value) {
        for (int cell = feature; cell < matrix.length; cell += stride) {
            matrix[cell] = value;
        }
    }

    private static void copyColumn(Frame frame, int columnIndex, float[] matrix, int feature, int stride) {
        Column column = frame.column(columnIndex);
        if (column instanceof NumericColumn numbers) {
            double[] values = numbers.values();
            for (int row = 0, cell = feature; row < values.length; row++, cell += stride) {
                matrix[cell] = (float) values[row];
            }
            return;
        }
        String[] texts = ((TextColumn) column).values();
        int bad = ((TextColumn) column).firstNonNumericRow();
        if (bad >= 0) {
            throw new BadInputException("column '" + frame.columnNames().get(columnIndex) + "' is not a number in row "
                    + (bad + 1) + " (\"" + texts[bad] + "\")");
        }
        // Every present value reads as a number (e.g. "nan" or "inf" kept the column as text).
        for (int row = 0, cell = feature; row < texts.length; row++, cell += stride) {
            matrix[cell] = texts[row] == null ? Float.NaN : (float) NumberText.parseOrNaN(texts[row]);
        }
    }

    static float[] allMissing(int rows, int featureCount) {
        float[] matrix = new float[rows * featureCount];
        Arrays.fill(matrix, Float.NaN);
        return matrix;
    }
}
