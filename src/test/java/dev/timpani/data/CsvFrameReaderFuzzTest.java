package dev.timpani.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * R-IN-5..7 robustness: any byte string is a frame or a {@link BadInputException}, nothing else. Regression inputs
 * (run by every {@code mvn test}) live in {@code CsvFrameReaderFuzzTestInputs/}; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=CsvFrameReaderFuzzTest}.
 */
class CsvFrameReaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void readsOrRejects(byte[] body) {
        try {
            new CsvFrameReader().read(new ByteArrayInputStream(body));
        } catch (BadInputException expected) {
            // the documented answer to bad input
        }
    }

    /** Chunked reading (the score command) must agree with whole reads on what is bad input. */
    @FuzzTest(maxDuration = "2m")
    void readsInChunksOrRejects(byte[] body) {
        try (CsvFrameReader.Chunks chunks = new CsvFrameReader().chunks(new ByteArrayInputStream(body), 2)) {
            while (chunks.hasNext()) {
                chunks.next();
            }
        } catch (BadInputException expected) {
            // the documented answer to bad input
        }
    }
}
