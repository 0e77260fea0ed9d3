package dev.timpani.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.timpani.data.BadInputException;
import java.util.Locale;

/**
 * R-IN-2 / R-IN-1: the hand-written {@code Content-Type} and file-name parsing. Any header is a lower-case
 * {@code type/subtype} or a {@link BadInputException}; the charset is absent or non-empty; any file name maps
 * to a mimetype.
 */
class ContentTypeFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void parsesContentType(String contentType) {
        try {
            String mimetype = FramePayloadReader.mimetype(contentType);
            int slash = mimetype.indexOf('/');
            if (slash <= 0 || slash == mimetype.length() - 1 || !mimetype.equals(mimetype.toLowerCase(Locale.ROOT))) {
                throw new AssertionError("not a type/subtype: '" + mimetype + "' from '" + contentType + "'");
            }
        } catch (BadInputException expected) {
            // the documented answer to an unparsable header
        }
        FramePayloadReader.charset(contentType).ifPresent(charset -> {
            if (charset.isEmpty()) {
                throw new AssertionError("empty charset from '" + contentType + "'");
            }
        });
    }

    @FuzzTest(maxDuration = "1m")
    void mapsFileNames(String fileName) {
        String mimetype = FramePayloadReader.mimetypeOfFileName(fileName);
        if (mimetype == null || mimetype.isEmpty()) {
            throw new AssertionError("no mimetype for '" + fileName + "'");
        }
    }
}
