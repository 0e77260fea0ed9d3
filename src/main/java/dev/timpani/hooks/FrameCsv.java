package dev.timpani.hooks;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A parsed {@link Frame} written back as csv that {@code pandas.read_csv} reads to the same values. */
final class FrameCsv {

    private FrameCsv() {
    }

    static byte[] write(Frame frame) {
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < frame.columnCount(); c++) {
            csv.append(c == 0 ? "" : ",").append(quote(frame.columnNames().get(c)));
        }
        csv.append('\n');
        for (int row = 0; row < frame.rowCount(); row++) {
            for (int c = 0; c < frame.columnCount(); c++) {
                if (c > 0) {
                    csv.append(',');
                }
                Column column = frame.column(c);
                if (column.isMissing(row)) {
                    continue;
                }
                if (column instanceof NumericColumn numbers) {
                    csv.append(numbers.values()[row]);
                } else {
                    csv.append(quote(((TextColumn) column).values()[row]));
                }
            }
            csv.append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(csv.length());
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
