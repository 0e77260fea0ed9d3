package dev.timpani.oip;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** V2 request bodies built from a frame, as a client with pandas' codec would send them. */
final class V2Bodies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private V2Bodies() {
    }

    /** One JSON tensor per column: FP64 (null where missing) or BYTES. */
    static byte[] jsonColumns(Frame frame, String id) {
        ObjectNode root = JSON.createObjectNode();
        if (id != null) {
            root.put("id", id);
        }
        ArrayNode inputs = root.putArray("inputs");
        for (int c = 0; c < frame.columnCount(); c++) {
            ObjectNode input = inputs.addObject();
            input.put("name", frame.columnNames().get(c));
            input.putArray("shape").add(frame.rowCount());
            ArrayNode data = input.putArray("data");
            Column column = frame.column(c);
            if (column instanceof NumericColumn numbers) {
                input.put("datatype", "FP64");
                for (double value : numbers.values()) {
                    if (Double.isNaN(value)) {
                        data.addNull();
                    } else {
                        data.add(value);
                    }
                }
            } else {
                input.put("datatype", "BYTES");
                for (String value : ((TextColumn) column).values()) {
                    data.add(value);
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** One FP64 {@code [rows, columns]} JSON tensor of the named numeric columns, in the order given. */
    static byte[] jsonMatrix(Frame frame, List<String> columns, String name) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode input = root.putArray("inputs").addObject();
        input.put("name", name);
        input.put("datatype", "FP64");
        input.putArray("shape").add(frame.rowCount()).add(columns.size());
        ArrayNode data = input.putArray("data");
        for (int row = 0; row < frame.rowCount(); row++) {
            ArrayNode values = data.addArray();
            for (String column : columns) {
                double value = ((NumericColumn) frame.column(frame.indexOf(column))).values()[row];
                if (Double.isNaN(value)) {
                    values.addNull();
                } else {
                    values.add(value);
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** The binary tensor data extension: every column raw (FP64 or BYTES), every output asked for raw. */
    static Binary binaryColumns(Frame frame) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int c = 0; c < frame.columnCount(); c++) {
            ObjectNode input = inputs.addObject();
            input.put("name", frame.columnNames().get(c));
            input.putArray("shape").add(frame.rowCount());
            byte[] bytes = frame.column(c) instanceof NumericColumn numbers ? fp64(numbers.values())
                    : bytesElements(((TextColumn) frame.column(c)).values());
            input.put("datatype", frame.column(c) instanceof NumericColumn ? "FP64" : "BYTES");
            input.putObject("parameters").put("binary_data_size", bytes.length);
            raw.writeBytes(bytes);
        }
        root.putObject("parameters").put("binary_data_output", true);
        byte[] header = JSON.writeValueAsBytes(root);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(raw.toByteArray());
        return new Binary(body.toByteArray(), header.length);
    }

    record Binary(byte[] body, int headerLength) {
    }

    static byte[] fp64(double[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        out.asDoubleBuffer().put(values);
        return out.array();
    }

    static byte[] bytesElements(String[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String value : values) {
            byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /**
     * An FP64 output as columns by name: {@code probabilities} ({@code [n, k]}, row-major) becomes one column per
     * class label of its {@code class_labels} parameter; any other output is one column of its own name.
     */
    static void putOutput(Map<String, double[]> columns, String name, String classLabelsJson, double[] values,
                          int rows) {
        if (!name.equals("probabilities")) {
            columns.put(name, values);
            return;
        }
        JsonNode labels = JSON.readTree(classLabelsJson);
        int k = labels.size();
        for (int c = 0; c < k; c++) {
            double[] column = new double[rows];
            for (int row = 0; row < rows; row++) {
                column[row] = values[row * k + c];
            }
            columns.put(labels.get(c).asString(), column);
        }
    }

    static double[] readFp64(byte[] bytes, int from, int length) {
        double[] values = new double[length / 8];
        ByteBuffer.wrap(bytes, from, length).slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return values;
    }
}
