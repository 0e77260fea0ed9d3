package dev.timpani.loaders.pmml;

import dev.timpani.data.Column;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.InputSchema;
import java.util.function.IntFunction;
import org.dmg.pmml.DataType;
import org.jpmml.evaluator.InputField;

/**
 * One input field of the PMML model and how to feed it from a request column.
 *
 * @param field    JPMML's field, which prepares (converts, validates, imputes) a raw value
 * @param takesText whether the field is string-typed, so numbers must reach it as the text pandas would have had
 */
record PmmlInput(InputField field, boolean takesText) {

    private static final IntFunction<Object> ALWAYS_MISSING = row -> null;

    static PmmlInput of(InputField field) {
        return new PmmlInput(field, field.getDataType() == DataType.STRING);
    }

    String name() {
        return field.getName();
    }

    /** The field's PMML data type as a declared input type; dates and other types arrive as text. */
    InputSchema.ValueType valueType() {
        DataType type = field.getDataType();
        if (type == null) {
            return InputSchema.ValueType.TEXT;
        }
        return switch (type) {
            case DOUBLE -> InputSchema.ValueType.FLOAT64;
            case FLOAT -> InputSchema.ValueType.FLOAT32;
            case INTEGER -> InputSchema.ValueType.INT64;
            case BOOLEAN -> InputSchema.ValueType.BOOL;
            default -> InputSchema.ValueType.TEXT;
        };
    }

    /**
     * The raw value of each row of {@code column} (null when missing) for JPMML to prepare; chosen once per request
     * so the per-cell work is a plain array read. A missing column is missing in every row.
     */
    IntFunction<Object> rawValues(Column column) {
        if (column == null) {
            return ALWAYS_MISSING;
        }
        if (column instanceof NumericColumn numbers) {
            return numbers.boxed(takesText);
        }
        // Text for a numeric field: JPMML parses it and rejects what is not a number.
        String[] texts = ((TextColumn) column).values();
        return row -> texts[row];
    }
}
