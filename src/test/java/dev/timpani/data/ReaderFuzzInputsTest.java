package dev.timpani.data;

import dev.timpani.testing.FuzzInputs;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every saved fuzz input of the payload readers (R-IN-5..8) is still a frame or a {@link BadInputException}:
 * the properties of the *FuzzTest classes, checked on their inputs without Jazzer.
 */
class ReaderFuzzInputsTest {

    static Stream<Arguments> arrowStreams() {
        return FuzzInputs.of(ArrowFrameReaderFuzzTest.class, "readsStreamOrRejects");
    }

    static Stream<Arguments> arrowFiles() {
        return FuzzInputs.of(ArrowFrameReaderFuzzTest.class, "readsFileOrRejects");
    }

    static Stream<Arguments> csvBodies() {
        return Stream.concat(FuzzInputs.of(CsvFrameReaderFuzzTest.class, "readsOrRejects"),
                FuzzInputs.of(CsvFrameReaderFuzzTest.class, "readsInChunksOrRejects"));
    }

    static Stream<Arguments> matrixMarketBodies() {
        return FuzzInputs.of(MatrixMarketReaderFuzzTest.class, "readsOrRejects");
    }

    static Stream<Arguments> columnNameFiles() {
        return FuzzInputs.of(MatrixMarketReaderFuzzTest.class, "readsColumnNames");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrowStreams")
    void arrowStreamIsAFrameOrBadInput(String name, byte[] body) {
        new ArrowFrameReaderFuzzTest().readsStreamOrRejects(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrowFiles")
    void arrowFileIsAFrameOrBadInput(String name, byte[] body) {
        new ArrowFrameReaderFuzzTest().readsFileOrRejects(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("csvBodies")
    void csvIsAFrameOrBadInputWholeAndInChunks(String name, byte[] body) {
        CsvFrameReaderFuzzTest csv = new CsvFrameReaderFuzzTest();
        csv.readsOrRejects(body);
        csv.readsInChunksOrRejects(body);
    }

    /** The fuzzer's inputs are its own encoding of (names?, body); replayed here as a body without names. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("matrixMarketBodies")
    void matrixMarketIsAFrameOrBadInput(String name, byte[] body) {
        try {
            new MatrixMarketReader(100_000).read(new ByteArrayInputStream(body), List.of());
        } catch (BadInputException expected) {
            // the documented answer to bad input
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columnNameFiles")
    void columnNamesDropTrailingBlankLines(String name, byte[] body) {
        new MatrixMarketReaderFuzzTest().readsColumnNames(body);
    }
}
