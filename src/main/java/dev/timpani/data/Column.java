package dev.timpani.data;

/**
 * One column of a {@link Frame}: numbers (pandas float64) or text (pandas object).
 * A closed set, so readers and loaders can switch over it exhaustively.
 */
public sealed interface Column permits NumericColumn, TextColumn {

    int size();

    boolean isMissing(int row);
}
