package dev.timpani.data;

import java.util.Arrays;
import java.util.List;

/**
 * A text column (pandas dtype object); {@code null} marks a missing value.
 * Numbers that did not all parse keep their text here, so a loader can name the offending value.
 */
public record TextColumn(String[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public TextColumn rows(int from, int to) {
        return new TextColumn(Arrays.copyOfRange(values, from, to));
    }

    static TextColumn concat(List<Column> parts) {
        int size = 0;
        for (Column part : parts) {
            size += part.size();
        }
        String[] all = new String[size];
        int at = 0;
        for (Column part : parts) {
            String[] values = ((TextColumn) part).values();
            System.arraycopy(values, 0, all, at, values.length);
            at += values.length;
        }
        return new TextColumn(all);
    }

    /** The first row whose value is present but not a number, or -1. */
    public int firstNonNumericRow() {
        for (int row = 0; row < values.length; row++) {
            if (values[row] != null && !NumberText.isNumber(values[row])) {
                return row;
            }
        }
        return -1;
    }
}
