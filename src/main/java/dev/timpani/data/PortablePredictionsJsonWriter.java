package dev.timpani.data;

import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the Portable Prediction Server body DRUM answers with under a deployment config (R-CFG-11):
 * {@code {"data": [{"prediction": ..., "predictionValues": [{"label": ..., "value": ...}], ..., "rowId": i}]}}, one
 * record per row with DRUM's keys in DRUM's order, and the row's extra model output as {@code extraModelOutput}
 * ({@code {column: value}}). Streamed, as {@link PredictionsJsonWriter}; NaN and infinities become {@code null}.
 */
public final class PortablePredictionsJsonWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Regression, anomaly: the value is the prediction, labelled with the target's name. */
    public void writeValues(OutputStream out, String label, double[] values, Frame extraOutput) {
        try (JsonGenerator json = open(out)) {
            for (int row = 0; row < values.length; row++) {
                json.writeStartObject();
                json.writeName("prediction");
                JsonCells.writeNumber(json, values[row]);
                json.writeName("predictionValues");
                json.writeStartArray();
                writeValue(json, label, values[row]);
                json.writeEndArray();
                close(json, row, extraOutput);
            }
            finish(json);
        }
    }

    /** Text target types (geopoint, text generation, ...): the model's string, labelled with the target's name. */
    public void writeTexts(OutputStream out, String label, String[] values, Frame extraOutput) {
        try (JsonGenerator json = open(out)) {
            for (int row = 0; row < values.length; row++) {
                json.writeStartObject();
                json.writeName("prediction");
                JsonCells.writeText(json, values[row]);
                json.writeName("predictionValues");
                json.writeStartArray();
                json.writeStartObject();
                json.writeName("label");
                json.writeString(label);
                json.writeName("value");
                JsonCells.writeText(json, values[row]);
                json.writeEndObject();
                json.writeEndArray();
                close(json, row, extraOutput);
            }
            finish(json);
        }
    }

    /**
     * Binary: the positive class's probability and its complement, positive first; the prediction is the positive
     * class when its probability is above the threshold.
     */
    public void writeBinary(OutputStream out, String positive, String negative, double[] positiveValues,
                            double threshold, Frame extraOutput) {
        try (JsonGenerator json = open(out)) {
            for (int row = 0; row < positiveValues.length; row++) {
                double value = positiveValues[row];
                json.writeStartObject();
                json.writeName("prediction");
                json.writeString(value > threshold ? positive : negative);
                json.writeName("predictionValues");
                json.writeStartArray();
                writeValue(json, positive, value);
                writeValue(json, negative, 1 - value);
                json.writeEndArray();
                json.writeName("predictionThreshold");
                json.writeNumber(threshold);
                close(json, row, extraOutput);
            }
            finish(json);
        }
    }

    /**
     * Multiclass: every class's probability in the given order; the prediction is the first class, in that order,
     * whose probability is the row's largest.
     */
    public void writeMulticlass(OutputStream out, List<String> classes, double[][] byClass, Frame extraOutput) {
        try (JsonGenerator json = open(out)) {
            for (int row = 0; row < rows(byClass); row++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double[] column : byClass) {
                    max = Math.max(max, column[row]);
                }
                String decision = null;
                for (int c = 0; c < classes.size() && decision == null; c++) {
                    if (byClass[c][row] >= max) {
                        decision = classes.get(c);
                    }
                }
                json.writeStartObject();
                json.writeName("prediction");
                json.writeString(decision);
                writeValues(json, classes, byClass, row);
                close(json, row, extraOutput);
            }
            finish(json);
        }
    }

    /** Multilabel: every label's probability; the prediction lists the labels above the threshold. */
    public void writeMultilabel(OutputStream out, List<String> labels, double[][] byLabel, double threshold,
                                Frame extraOutput) {
        try (JsonGenerator json = open(out)) {
            for (int row = 0; row < rows(byLabel); row++) {
                json.writeStartObject();
                json.writeName("prediction");
                json.writeStartArray();
                for (int l = 0; l < labels.size(); l++) {
                    if (byLabel[l][row] > threshold) {
                        json.writeString(labels.get(l));
                    }
                }
                json.writeEndArray();
                writeValues(json, labels, byLabel, row);
                json.writeName("predictionThreshold");
                json.writeNumber(threshold);
                close(json, row, extraOutput);
            }
            finish(json);
        }
    }

    private static JsonGenerator open(OutputStream out) {
        JsonGenerator json = JSON.createGenerator(out);
        json.writeStartObject();
        json.writeName("data");
        json.writeStartArray();
        return json;
    }

    private static void finish(JsonGenerator json) {
        json.writeEndArray();
        json.writeEndObject();
    }

    private static int rows(double[][] columns) {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    private static void writeValues(JsonGenerator json, List<String> labels, double[][] byLabel, int row) {
        json.writeName("predictionValues");
        json.writeStartArray();
        for (int l = 0; l < labels.size(); l++) {
            writeValue(json, labels.get(l), byLabel[l][row]);
        }
        json.writeEndArray();
    }

    private static void writeValue(JsonGenerator json, String label, double value) {
        json.writeStartObject();
        json.writeName("label");
        if (label == null) {
            json.writeNull();
        } else {
            json.writeString(label);
        }
        json.writeName("value");
        JsonCells.writeNumber(json, value);
        json.writeEndObject();
    }

    /** {@code rowId}, then the row's extra output, then the end of the record. */
    private static void close(JsonGenerator json, int row, Frame extra) {
        json.writeName("rowId");
        json.writeNumber(row);
        if (extra != null) {
            json.writeName("extraModelOutput");
            json.writeStartObject();
            for (int c = 0; c < extra.columnCount(); c++) {
                json.writeName(extra.columnNames().get(c));
                JsonCells.writeCell(json, extra.column(c), row);
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
