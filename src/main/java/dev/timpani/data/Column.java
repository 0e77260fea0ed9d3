package dev.timpani.data;

import java.util.List;

/**
 * One column of a {@link Frame}: numbers (pandas float64) or text (pandas object).
 * A closed set, so readers and loaders can switch over it exhaustively.
 */
public sealed interface Column permits NumericColumn, TextColumn {

    int size();

    boolean isMissing(int row);

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    Column rows(int from, int to);

    /**
     * The parts one after another, as one column of the same kind; every part must be of the first one's kind
     * (a {@link Frame#sameColumnsAs} check guarantees it).
     */
    static Column concat(List<Column> parts) {
        if (parts.get(0) instanceof NumericColumn) {
            return NumericColumn.concat(parts);
        }
        return TextColumn.concat(parts);
    }
}
