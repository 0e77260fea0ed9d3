package dev.timpani.loaders.djl;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The request as the single matrix a tensor model is fed: every column, in request order, row-major
 * ({@code [rows, columns]}), as DRUM's ONNX and torch predictors feed {@code data.values}. Missing values stay NaN.
 *
 * @param expectedColumns the feature count the model declares, when it declares one
 */
record RequestMatrix(OptionalInt expectedColumns) {

    static RequestMatrix anyWidth() {
        return new RequestMatrix(OptionalInt.empty());
    }

    static RequestMatrix ofWidth(int columns) {
        return new RequestMatrix(OptionalInt.of(columns));
    }

    float[] floats(Frame frame) {
        int width = checkedWidth(frame);
        float[] matrix = new float[frame.rowCount() * width];
        for (int c = 0; c < width; c++) {
            double[] values = numbers(frame, c);
            for (int row = 0, cell = c; row < values.length; row++, cell += width) {
                matrix[cell] = (float) values[row];
            }
        }
        return matrix;
    }

    double[] doubles(Frame frame) {
        int width = checkedWidth(frame);
        double[] matrix = new double[frame.rowCount() * width];
        for (int c = 0; c < width; c++) {
            double[] values = numbers(frame, c);
            for (int row = 0, cell = c; row < values.length; row++, cell += width) {
                matrix[cell] = values[row];
            }
        }
        return matrix;
    }

    /** One synthetic all-zero row of the declared width, for warm-up. */
    Frame zeroRow() {
        int width = expectedColumns.orElseThrow();
        List<String> names = new ArrayList<>(width);
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            names.add("feature_" + c);
            columns.add(new NumericColumn(new double[1]));
        }
        return new Frame(names, columns, 1);
    }

    private int checkedWidth(Frame frame) {
        if (expectedColumns.isPresent() && expectedColumns.getAsInt() != frame.columnCount()) {
            throw new BadInputException("The model expects " + expectedColumns.getAsInt()
                    + " features, the request has " + frame.columnCount() + " columns");
        }
        return frame.columnCount();
    }

    /** A column as numbers; text is bad input unless every present value reads as a number (e.g. "inf"). */
    private static double[] numbers(Frame frame, int index) {
        Column column = frame.column(index);
        if (column instanceof NumericColumn numeric) {
            return numeric.values();
        }
        TextColumn text = (TextColumn) column;
        String[] texts = text.values();
        int bad = text.firstNonNumericRow();
        if (bad >= 0) {
            throw new BadInputException("column '" + frame.columnNames().get(index) + "' is not a number in row "
                    + (bad + 1) + " (\"" + texts[bad] + "\")");
        }
        double[] values = new double[texts.length];
        for (int row = 0; row < texts.length; row++) {
            values[row] = texts[row] == null ? Double.NaN : NumberText.parseOrNaN(texts[row]);
        }
        return values;
    }
}
