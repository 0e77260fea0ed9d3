package dev.timpani.data;

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
}
