package dev.timpani.data;

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
