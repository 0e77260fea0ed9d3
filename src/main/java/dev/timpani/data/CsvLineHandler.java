package dev.timpani.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;

/**
 * Turns FastCSV's callbacks into {@link CsvLine}s. A handler of our own, rather than FastCSV's record type,
 * because pandas' blank-line rule needs what a record loses: whether a field was quoted ({@code ""} is a value,
 * an empty line is not).
 */
final class CsvLineHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {

    private static final String[] ONE_EMPTY_FIELD = {""};

    private String[] fields = new String[32];
    private boolean onlyUnquotedWhitespace;

    @Override
    protected void handleBegin(long startingLineNumber) {
        onlyUnquotedWhitespace = true;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (fieldIdx == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[fieldIdx] = new String(buf, offset, len);
        if (quoted || fieldIdx > 0 || !isSpacesAndTabs(buf, offset, len)) {
            onlyUnquotedWhitespace = false;
        }
    }

    @Override
    protected CsvLine buildRecord() {
        long number = getStartingLineNumber();
        if (getRecordType() == RecordType.EMPTY || getFieldCount() == 0) {
            return new CsvLine(number, ONE_EMPTY_FIELD.clone(), true);
        }
        return new CsvLine(number, Arrays.copyOf(fields, getFieldCount()), onlyUnquotedWhitespace);
    }

    /** The line the record being parsed starts on; names the place of a parse error. */
    long currentLineNumber() {
        return getStartingLineNumber();
    }

    // pandas' tokenizer treats a line of only spaces and tabs as blank (its WHITESPACE_LINE state).
    private static boolean isSpacesAndTabs(char[] buf, int offset, int len) {
        for (int i = offset; i < offset + len; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
