package dev.timpani.oip;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.InputSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Input tensors to one {@link Frame}, as MLServer's pandas codec reads them: one tensor per column ({@code [rows]}
 * or {@code [rows, 1]}), all of one length, named as the columns; or a single {@code [rows, columns]} tensor whose
 * columns are the model's declared features in order (pandas' {@code 0, 1, ...} when the model declares none).
 */
public final class TensorFrames {

    private final int maxRows;
    private final int maxColumns;

    public TensorFrames(int maxRows, int maxColumns) {
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    public Frame toFrame(List<InputTensor> inputs, InputSchema schema) {
        if (inputs.isEmpty()) {
            throw OipException.badRequest("the request has no inputs");
        }
        InputTensor first = inputs.get(0);
        Frame frame = inputs.size() == 1 && first.shape().length == 2 && first.shape()[1] != 1
                ? matrix(first, schema)
                : columns(inputs);
        if (frame.columnCount() > maxColumns) {
            throw new OipException(413, "the request has " + frame.columnCount() + " columns, more than the "
                    + maxColumns + " of timpani.limits.max-columns");
        }
        if (frame.rowCount() > maxRows) {
            throw new OipException(413, "the request has " + frame.rowCount() + " rows, more than the " + maxRows
                    + " of timpani.limits.max-rows");
        }
        return frame;
    }

    private static Frame columns(List<InputTensor> inputs) {
        List<String> names = new ArrayList<>(inputs.size());
        List<Column> columns = new ArrayList<>(inputs.size());
        Set<String> seen = new HashSet<>();
        InputTensor first = inputs.get(0);
        long rows = -1;
        for (InputTensor input : inputs) {
            long[] shape = input.shape();
            boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
            if (!column) {
                throw OipException.badRequest("input '" + input.name() + "' has shape " + Arrays.toString(shape)
                        + "; send one input per column ([rows] or [rows, 1]), or a single [rows, columns] input");
            }
            if (rows < 0) {
                rows = shape[0];
            } else if (shape[0] != rows) {
                throw OipException.badRequest("input '" + input.name() + "' has " + shape[0] + " rows, input '"
                        + first.name() + "' has " + rows + "; every column input must have the same length");
            }
            if (!seen.add(input.name())) {
                throw OipException.badRequest("input '" + input.name() + "' is sent twice");
            }
            names.add(input.name());
            columns.add(input.isText() ? text(input.texts()) : new NumericColumn(input.numbers()));
        }
        return new Frame(names, columns, Math.toIntExact(rows));
    }

    private static Frame matrix(InputTensor input, InputSchema schema) {
        int rows = Math.toIntExact(input.shape()[0]);
        int width = Math.toIntExact(input.shape()[1]);
        List<String> names = columnNames(input, schema, width);
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            if (input.isText()) {
                String[] values = new String[rows];
                for (int row = 0, cell = c; row < rows; row++, cell += width) {
                    values[row] = input.texts()[cell];
                }
                columns.add(text(values));
            } else {
                double[] values = new double[rows];
                double[] all = input.numbers();
                for (int row = 0, cell = c; row < rows; row++, cell += width) {
                    values[row] = all[cell];
                }
                columns.add(new NumericColumn(values));
            }
        }
        return new Frame(names, columns, rows);
    }

    /**
     * An empty text is missing, as pandas reads an empty csv field: BYTES has no null (gRPC, binary), and this way a
     * V2 request and a csv of the same rows reach the model as the same frame.
     */
    private static TextColumn text(String[] values) {
        String[] texts = values.clone();
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] != null && texts[i].isEmpty()) {
                texts[i] = null;
            }
        }
        return new TextColumn(texts);
    }

    private static List<String> columnNames(InputTensor input, InputSchema schema, int width) {
        if (schema instanceof InputSchema.Columns declared) {
            if (declared.fields().size() != width) {
                throw OipException.badRequest("input '" + input.name() + "' has " + width + " columns; the model "
                        + "declares " + declared.fields().size() + " features: "
                        + String.join(", ", declared.fields().stream().map(InputSchema.Field::name).toList()));
            }
            return declared.fields().stream().map(InputSchema.Field::name).toList();
        }
        // A matrix model takes its columns by position; pandas names a 2-D array's columns 0, 1, ...
        List<String> names = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
