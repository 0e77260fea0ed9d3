package dev.timpani.data;

import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes DRUM's {@code {"predictions": [...]}} body (R-OUT-1..4) straight to the response stream, without
 * building a tree. Numbers keep their shortest exact form; NaN and infinities become {@code null} (R-OUT-17).
 */
public final class PredictionsJsonWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** R-OUT-1: one number per row. */
    public void writeNumbers(OutputStream out, double[] values, Frame extraOutput) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("predictions");
            json.writeStartArray();
            for (double value : values) {
                JsonCells.writeNumber(json, value);
            }
            json.writeEndArray();
            writeExtraOutput(json, extraOutput);
            json.writeEndObject();
        }
    }

    /**
     * R-OUT-5: one string per row (text generation, geopoint, ...), as the model gave it; a missing value is
     * {@code null}. Jackson escapes quotes, backslashes and control characters and writes the rest as UTF-8.
     */
    public void writeTexts(OutputStream out, String[] values, Frame extraOutput) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("predictions");
            json.writeStartArray();
            for (String value : values) {
                JsonCells.writeText(json, value);
            }
            json.writeEndArray();
            writeExtraOutput(json, extraOutput);
            json.writeEndObject();
        }
    }

    /** R-OUT-2 / R-OUT-3: one {@code {label: probability}} object per row, labels in the given order. */
    public void writeProbabilities(OutputStream out, List<String> labels, double[][] byLabel, Frame extraOutput) {
        int rows = byLabel.length == 0 ? 0 : byLabel[0].length;
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("predictions");
            json.writeStartArray();
            for (int row = 0; row < rows; row++) {
                json.writeStartObject();
                for (int label = 0; label < byLabel.length; label++) {
                    json.writeName(labels.get(label));
                    JsonCells.writeNumber(json, byLabel[label][row]);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            writeExtraOutput(json, extraOutput);
            json.writeEndObject();
        }
    }

    /** R-OUT-4: pandas' {@code split} orientation. */
    private static void writeExtraOutput(JsonGenerator json, Frame extra) {
        if (extra == null) {
            return;
        }
        json.writeName("extraModelOutput");
        json.writeStartObject();
        json.writeName("columns");
        json.writeStartArray();
        for (String name : extra.columnNames()) {
            json.writeString(name);
        }
        json.writeEndArray();
        json.writeName("index");
        json.writeStartArray();
        for (int row = 0; row < extra.rowCount(); row++) {
            json.writeNumber(row);
        }
        json.writeEndArray();
        json.writeName("data");
        json.writeStartArray();
        for (int row = 0; row < extra.rowCount(); row++) {
            json.writeStartArray();
            for (Column column : extra.columns()) {
                JsonCells.writeCell(json, column, row);
            }
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
