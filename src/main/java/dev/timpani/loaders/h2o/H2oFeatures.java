package dev.timpani.loaders.h2o;

import dev.timpani.data.Column;
import dev.timpani.data.ColumnPositions;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.InputSchema;
import hex.genmodel.CategoricalEncoding;
import hex.genmodel.GenModel;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The columns an H2O model reads from a request, fixed at load time: their names and which are categorical.
 *
 * @param names       input column names, in the model's order, without the response
 * @param categorical whether each column is an enum (fed as text) rather than numeric (fed as a double)
 */
record H2oFeatures(List<String> names, boolean[] categorical, ColumnPositions positions) {

    private static final IntFunction<Object> ALWAYS_MISSING = row -> null;

    static H2oFeatures of(GenModel model) {
        String[] names;
        String[][] domains;
        if (usesEncodedColumns(model)) {
            // The model scores one-hot/binary/eigen columns; the request holds the originals it was trained on,
            // which are what EasyPredictModelWrapper maps (and encodes) by name.
            names = Arrays.copyOf(model.getOrigNames(), model.getOrigNumCols());
            domains = model.getOrigDomainValues();
        } else {
            names = model.features();
            domains = model.getDomainValues();
        }
        boolean[] categorical = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            categorical[i] = domains != null && domains[i] != null;
        }
        List<String> nameList = List.of(names);
        return new H2oFeatures(nameList, categorical, new ColumnPositions(nameList));
    }

    /** Mirrors how EasyPredictModelWrapper picks its column mapping for the model's categorical encoding. */
    private static boolean usesEncodedColumns(GenModel model) {
        CategoricalEncoding encoding = model.getCategoricalEncoding();
        return encoding != CategoricalEncoding.AUTO && encoding != CategoricalEncoding.LabelEncoder
                && model.getOrigNames() != null;
    }

    /** Categorical columns are text (their levels), the others float64, as H2O reads them. */
    InputSchema schema() {
        List<InputSchema.Field> fields = new java.util.ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(new InputSchema.Field(names.get(i),
                    categorical[i] ? InputSchema.ValueType.TEXT : InputSchema.ValueType.FLOAT64));
        }
        return new InputSchema.Columns(fields);
    }

    int count() {
        return names.size();
    }

    /**
     * Per feature, the value H2O gets for each row of this request ({@code null} = leave it out of the row, which
     * H2O scores as missing). Chosen once per request, so the per-cell work is an array read.
     */
    @SuppressWarnings("unchecked")
    IntFunction<Object>[] valuesIn(Frame frame) {
        int[] columnOf = positions.in(frame);
        IntFunction<Object>[] values = new IntFunction[columnOf.length];
        for (int i = 0; i < columnOf.length; i++) {
            values[i] = columnOf[i] < 0 ? ALWAYS_MISSING : valuesOf(frame.column(columnOf[i]), categorical[i]);
        }
        return values;
    }

    private static IntFunction<Object> valuesOf(Column column, boolean categorical) {
        if (column instanceof NumericColumn numbers) {
            return numbers.boxed(categorical);
        }
        String[] texts = ((TextColumn) column).values();
        if (categorical) {
            return row -> texts[row];
        }
        // Text in a numeric column: what is not a number is missing, as with H2O's convertInvalidNumbersToNa.
        return row -> {
            if (texts[row] == null) {
                return null;
            }
            double value = NumberText.parseOrNaN(texts[row]);
            return Double.isNaN(value) ? null : (Object) value;
        };
    }
}
