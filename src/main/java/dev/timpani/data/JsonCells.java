package dev.timpani.data;

import tools.jackson.core.JsonGenerator;

/**
 * One value as both prediction writers put it on the wire: NaN and infinities as {@code null} (R-OUT-17), a
 * missing string as {@code null}, an extra-output cell as its column's type says.
 */
final class JsonCells {

    private JsonCells() {
    }

    static void writeNumber(JsonGenerator json, double value) {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    static void writeText(JsonGenerator json, String value) {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    static void writeCell(JsonGenerator json, Column column, int row) {
        if (column instanceof NumericColumn numbers) {
            writeNumber(json, numbers.values()[row]);
        } else {
            writeText(json, ((TextColumn) column).values()[row]);
        }
    }
}
