package dev.timpani.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A columnar table: what one structured request holds after parsing, in request row order.
 * Column names may repeat (pandas allows it); {@link #indexOf} finds the first.
 */
public record Frame(List<String> columnNames, List<Column> columns, int rowCount) {

    public Frame {
        columnNames = List.copyOf(columnNames);
        columns = List.copyOf(columns);
        if (columnNames.size() != columns.size()) {
            throw new IllegalArgumentException(columnNames.size() + " names for " + columns.size() + " columns");
        }
        for (Column column : columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column of " + column.size() + " rows in a frame of " + rowCount);
            }
        }
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** Index of the first column with this name, or -1. */
    public int indexOf(String name) {
        return columnNames.indexOf(name);
    }

    /** Name to index for every column, first occurrence winning; for loaders that match many features. */
    public Map<String, Integer> indexByName() {
        Map<String, Integer> index = new HashMap<>(columnNames.size() * 2);
        for (int i = columnNames.size() - 1; i >= 0; i--) {
            index.put(columnNames.get(i), i);
        }
        return index;
    }

    /**
     * Whether the other frame's rows can follow this one's in one frame: the same column names in the same order,
     * each column of the same kind. Rows only, never a column's kind, change when frames are joined, so a model
     * sees each row as it would have in its own request.
     */
    public boolean sameColumnsAs(Frame other) {
        if (!columnNames.equals(other.columnNames)) {
            return false;
        }
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).getClass() != other.columns.get(c).getClass()) {
                return false;
            }
        }
        return true;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Frame rows(int from, int to) {
        if (from < 0 || to > rowCount || from > to) {
            throw new IndexOutOfBoundsException("rows " + from + " to " + to + " of a frame of " + rowCount);
        }
        List<Column> parts = new ArrayList<>(columns.size());
        for (Column column : columns) {
            parts.add(column.rows(from, to));
        }
        return new Frame(columnNames, parts, to - from);
    }

    /** The frames' rows one after another, in list order; every frame must have the {@link #sameColumnsAs} first. */
    public static Frame concat(List<Frame> frames) {
        Frame first = frames.get(0);
        if (frames.size() == 1) {
            return first;
        }
        int rows = 0;
        for (Frame frame : frames) {
            if (!first.sameColumnsAs(frame)) {
                throw new IllegalArgumentException("frames of different columns cannot be joined: "
                        + first.describeColumns() + " and " + frame.describeColumns());
            }
            rows += frame.rowCount;
        }
        List<Column> joined = new ArrayList<>(first.columnCount());
        List<Column> parts = new ArrayList<>(frames.size());
        for (int c = 0; c < first.columnCount(); c++) {
            parts.clear();
            for (Frame frame : frames) {
                parts.add(frame.column(c));
            }
            joined.add(Column.concat(parts));
        }
        return new Frame(first.columnNames, joined, rows);
    }

    private String describeColumns() {
        StringBuilder text = new StringBuilder("[");
        for (int c = 0; c < columns.size(); c++) {
            text.append(c == 0 ? "" : ", ").append(columnNames.get(c)).append(": ")
                    .append(columns.get(c).getClass().getSimpleName());
        }
        return text.append(']').toString();
    }
}
