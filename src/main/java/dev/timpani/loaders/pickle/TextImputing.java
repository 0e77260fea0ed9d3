package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.List;

/**
 * {@code SimpleImputer} fitted on strings ({@code constant} or {@code most_frequent}: {@code statistics_} holds
 * strings) in front of a {@code OneHotEncoder}, the usual categorical branch of a ColumnTransformer
 * (sklearn/impute/_base.py, 1.2.1 to 1.9.1). The imputer works on an object array: a missing cell (NaN, as pandas
 * reads an empty one) becomes the column's statistic; any other value is kept as it is, so a number in that column
 * (pandas reads a column of digits, or of empty cells, as numbers) stays a number, which meets no string category:
 * an unknown category for the encoder (measured with 1.2.1 on the corpus' sklearn_pipeline_mixed_types: a column of
 * digits answers like unknown categories, one of empty cells like the statistic).
 *
 * @param fills   {@code statistics_}, per column
 * @param encoder what reads the imputed strings (a null cell there is an unknown number)
 */
record TextImputing(String[] fills, OneHotEncoding encoder) implements Preprocessing {

    @Override
    public double[][] apply(Column[] inputs, List<String> names, int rows) {
        Column[] imputed = new Column[inputs.length];
        for (int c = 0; c < inputs.length; c++) {
            String[] cells = new String[rows];
            if (inputs[c] instanceof TextColumn text) {
                String[] values = text.values();
                for (int row = 0; row < rows; row++) {
                    cells[row] = values[row] == null ? fills[c] : values[row];
                }
            } else {
                double[] values = ((NumericColumn) inputs[c]).values();
                for (int row = 0; row < rows; row++) {
                    cells[row] = values[row] != values[row] ? fills[c] : null;
                }
            }
            imputed[c] = new TextColumn(cells);
        }
        return encoder.apply(imputed, names, rows);
    }

    @Override
    public int width(int inputs) {
        return encoder.width(inputs);
    }
}
