package dev.timpani.hooks;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The body of a {@code predict} answer with {@code "text": true} (R-OUT-5, see {@code timpani/PROTOCOL.md}): a
 * UTF-8 JSON array of columns, each an array of one string (or {@code null}) per row. Read with Jackson's
 * streaming parser straight into {@code String[column][row]}, no tree in between.
 */
final class TextPredictions {

    private TextPredictions() {
    }

    /** @throws IllegalArgumentException when the body is not {@code cols} arrays of {@code rows} strings or nulls */
    static String[][] read(byte[] body, int rows, int cols) {
        String[][] columns = new String[cols][rows];
        try (JsonParser json = Wire.JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            for (int c = 0; c < cols; c++) {
                expect(json.nextToken(), JsonToken.START_ARRAY);
                for (int row = 0; row < rows; row++) {
                    JsonToken token = json.nextToken();
                    if (token == JsonToken.VALUE_STRING) {
                        columns[c][row] = json.getString();
                    } else if (token != JsonToken.VALUE_NULL) {
                        throw new IllegalArgumentException("column " + c + " row " + row + " is " + token
                                + ", not a string or null");
                    }
                }
                expect(json.nextToken(), JsonToken.END_ARRAY);
            }
            expect(json.nextToken(), JsonToken.END_ARRAY);
            expect(json.nextToken(), null);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        return columns;
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new IllegalArgumentException("expected " + (wanted == null ? "the end" : wanted) + " but found "
                    + (got == null ? "the end" : got));
        }
    }
}
