package dev.timpani.data;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * R-IN-8 robustness: a MatrixMarket body and its {@code X.colnames} are a frame or a {@link BadInputException}.
 * The dense-cell bound is lowered so the fuzzer explores parsing rather than allocating 400 MB frames.
 */
class MatrixMarketReaderFuzzTest {

    private static final long MAX_CELLS = 100_000;

    @FuzzTest(maxDuration = "2m")
    void readsOrRejects(FuzzedDataProvider data) {
        boolean withNames = data.consumeBoolean();
        String names = withNames ? data.consumeString(200) : "";
        byte[] body = data.consumeRemainingAsBytes();
        try {
            List<String> columnNames = withNames
                    ? MatrixMarketReader.readColumnNames(new ByteArrayInputStream(names.getBytes(StandardCharsets.UTF_8)))
                    : List.of();
            new MatrixMarketReader(MAX_CELLS).read(new ByteArrayInputStream(body), columnNames);
        } catch (BadInputException expected) {
            // the documented answer to bad input
        }
    }

    @FuzzTest(maxDuration = "1m")
    void readsColumnNames(byte[] body) {
        List<String> names = MatrixMarketReader.readColumnNames(new ByteArrayInputStream(body));
        if (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            throw new AssertionError("trailing blank name kept: " + names);
        }
    }
}
