package dev.timpani.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a CSV body as FastCSV should see it: decoded strictly as UTF-8 (R-IN-6: malformed bytes fail rather
 * than turn into U+FFFD), without a leading byte order mark (R-IN-5), and followed by an end marker on a line of
 * its own.
 *
 * <p>The marker is how an unterminated quote is caught (R-IN-7): FastCSV silently ends an open quoted field at the
 * end of input, where pandas fails. After a complete body the marker arrives as a record by itself; after an open
 * quote it is swallowed into the quoted field, and the marker record never comes.
 */
final class CsvBodyReader extends Reader {

    /** NUL characters do not occur in real CSV, so no body can end with this record by itself. */
    static final String END_MARKER = "\u0000end of body\u0000";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader decoded;
    private boolean started;
    /** An empty body counts as ending on a line break, so the marker needs no line break of its own. */
    private char lastChar = '\n';
    private String tail;
    private int tailPosition;

    CsvBodyReader(InputStream body) {
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.decoded = new InputStreamReader(body, strictUtf8);
    }

    static boolean isEndMarker(CsvLine line) {
        return line.fields().length == 1 && END_MARKER.equals(line.fields()[0]);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (tail == null) {
            int count = readBody(buffer, offset, length);
            if (count > 0) {
                lastChar = buffer[offset + count - 1];
                return count;
            }
            tail = lastChar == '\n' || lastChar == '\r' ? END_MARKER : "\n" + END_MARKER;
        }
        int count = Math.min(length, tail.length() - tailPosition);
        if (count == 0) {
            return -1;
        }
        tail.getChars(tailPosition, tailPosition + count, buffer, offset);
        tailPosition += count;
        return count;
    }

    private int readBody(char[] buffer, int offset, int length) throws IOException {
        int count = decoded.read(buffer, offset, length);
        if (!started && count > 0) {
            started = true;
            if (buffer[offset] == BYTE_ORDER_MARK) {
                System.arraycopy(buffer, offset + 1, buffer, offset, count - 1);
                count--;
                if (count == 0) {
                    count = decoded.read(buffer, offset, length);
                }
            }
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
