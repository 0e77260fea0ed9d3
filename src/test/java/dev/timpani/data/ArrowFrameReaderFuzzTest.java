package dev.timpani.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Arrow IPC robustness (R-IN-2): any body sent as a stream or a file is a frame or a {@link BadInputException};
 * the allocator bound is lowered to 64 MB so a forged length cannot take the fuzzing JVM's heap. A rejection
 * must also give back all Arrow memory: closing the allocator with buffers still held throws "Memory was leaked",
 * which would ride on the rejection as a suppressed exception.
 */
class ArrowFrameReaderFuzzTest {

    private static final long MAX_BUFFER_BYTES = 64L << 20;

    @FuzzTest(maxDuration = "2m")
    void readsStreamOrRejects(byte[] body) {
        try {
            new ArrowFrameReader(MAX_BUFFER_BYTES).readStream(new ByteArrayInputStream(body));
        } catch (BadInputException expected) {
            assertNothingLeaked(expected);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void readsFileOrRejects(byte[] body) {
        try {
            new ArrowFrameReader(MAX_BUFFER_BYTES).readFile(body);
        } catch (BadInputException expected) {
            assertNothingLeaked(expected);
        }
    }

    private static void assertNothingLeaked(BadInputException rejection) {
        for (Throwable t = rejection; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                AssertionError leak = new AssertionError("The rejection left Arrow memory behind", rejection);
                leak.addSuppressed(suppressed);
                throw leak;
            }
            if (t.getMessage() != null && t.getMessage().contains("leaked")) {
                throw new AssertionError("Reading left Arrow memory behind", t);
            }
        }
    }
}
