package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFrameReaderTest {

    private final CsvFrameReader reader = new CsvFrameReader();

    private Frame read(String csv) {
        return reader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static double[] numbers(Frame frame, int column) {
        assertThat(frame.column(column)).isInstanceOf(NumericColumn.class);
        return ((NumericColumn) frame.column(column)).values();
    }

    private static String[] texts(Frame frame, int column) {
        assertThat(frame.column(column)).isInstanceOf(TextColumn.class);
        return ((TextColumn) frame.column(column)).values();
    }

    @Test
    void readsHeaderAndNumericColumns() {
        Frame frame = read("a,b\n1,2.5\n-3,1e3\n");

        assertThat(frame.columnNames()).containsExactly("a", "b");
        assertThat(frame.rowCount()).isEqualTo(2);
        assertThat(numbers(frame, 0)).containsExactly(1.0, -3.0);
        assertThat(numbers(frame, 1)).containsExactly(2.5, 1000.0);
    }

    @Test
    void readsCrLfLineEnds() {
        Frame frame = read("a,b\r\n1,x\r\n2,y\r\n");

        assertThat(numbers(frame, 0)).containsExactly(1.0, 2.0);
        assertThat(texts(frame, 1)).containsExactly("x", "y");
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndNewlines() {
        Frame frame = read("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\nx,\"two\nlines\"\n");

        assertThat(texts(frame, 0)).containsExactly("Smith, J", "x");
        assertThat(texts(frame, 1)).containsExactly("said \"hi\"", "two\nlines");
    }

    @Test
    void ignoresUtf8ByteOrderMark() {
        Frame frame = read("\uFEFFa,b\n1,2\n");

        assertThat(frame.columnNames()).containsExactly("a", "b");
        assertThat(numbers(frame, 0)).containsExactly(1.0);
    }

    @Test
    void ignoresByteOrderMarkBeforeQuotedHeader() {
        Frame frame = read("\uFEFF\"a\",b\n1,2\n");

        assertThat(frame.columnNames()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
            "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"})
    void readsPandasNaStringsAsMissing(String naString) {
        Frame frame = read("a,b\n" + naString + ",x\n2,y\n");

        double[] values = numbers(frame, 0);
        assertThat(values[0]).isNaN();
        assertThat(values[1]).isEqualTo(2.0);
    }

    @Test
    void readsNoneAsTextAsPandas15Does() {
        Frame frame = read("a,b\nNone,x\nfoo,None\n");

        assertThat(texts(frame, 0)).containsExactly("None", "foo");
        assertThat(texts(frame, 1)).containsExactly("x", "None");
    }

    @Test
    void readsQuestionMarkAsText() {
        Frame frame = read("a\n?\n1\n");

        assertThat(texts(frame, 0)).containsExactly("?", "1");
    }

    @Test
    void matchesNaStringsExactlyAndCaseSensitively() {
        Frame frame = read("a\nNa\n na\nNONE\n");

        assertThat(texts(frame, 0)).containsExactly("Na", " na", "NONE");
    }

    @Test
    void readsQuotedNaStringAsMissing() {
        Frame frame = read("a,b\n\"NA\",1\n\"\",2\n");

        assertThat(numbers(frame, 0)).containsOnly(Double.NaN);
        assertThat(numbers(frame, 1)).containsExactly(1.0, 2.0);
    }

    @Test
    void keepsEveryOriginalStringWhenOneValueIsNotANumber() {
        Frame frame = read("a\n1\n2.50\nabc\n\nNA\n");

        // One column: the blank line is a missing value too.
        assertThat(texts(frame, 0)).containsExactly("1", "2.50", "abc", null, null);
    }

    @Test
    void readsAllMissingColumnAsNumeric() {
        Frame frame = read("a,b\nnull,1\n,2\nNA,3\n");

        assertThat(numbers(frame, 0)).hasSize(3).containsOnly(Double.NaN);
    }

    @Test
    void parsesNumbersWithPandasRules() {
        Frame frame = read("a\n inf\n-Infinity\n .5 \n+7\n1E-2\n");

        assertThat(numbers(frame, 0)).containsExactly(
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 7.0, 0.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "0x10", "1f", "NAN", "+NaN", "1_000", "--1"})
    void readsJavaOnlyNumberSpellingsAsText(String value) {
        Frame frame = read("a\n1\n" + value + "\n");

        assertThat(texts(frame, 0)).containsExactly("1", value);
    }

    @Test
    void skipsBlankLines() {
        Frame frame = read("\n\na,b\n1,2\n\n3,4\n   \n\t\n5,6\n\n");

        assertThat(frame.rowCount()).isEqualTo(3);
        assertThat(numbers(frame, 0)).containsExactly(1.0, 3.0, 5.0);
        assertThat(numbers(frame, 1)).containsExactly(2.0, 4.0, 6.0);
    }

    @Test
    void readsLineOfDelimitersAsRowOfMissingValues() {
        Frame frame = read("a,b\n1,2\n,\n");

        assertThat(numbers(frame, 0)).containsExactly(1.0, Double.NaN);
        assertThat(numbers(frame, 1)).containsExactly(2.0, Double.NaN);
    }

    @Test
    void readsQuotedEmptyLineAsRowOfMissingValues() {
        Frame frame = read("a,b\n1,2\n\"\"\n");

        assertThat(frame.rowCount()).isEqualTo(2);
        assertThat(numbers(frame, 1)).containsExactly(2.0, Double.NaN);
    }

    @Test
    void readsBlankLineAsMissingValueInSingleColumn() {
        Frame frame = read("a\n1\n\n2\n\n");

        assertThat(numbers(frame, 0)).containsExactly(1.0, Double.NaN, 2.0, Double.NaN);
    }

    @Test
    void readsSingleColumnWithoutTrailingNewline() {
        Frame frame = read("a\n1\n2");

        assertThat(numbers(frame, 0)).containsExactly(1.0, 2.0);
    }

    @Test
    void fillsShortRecordsWithMissingValues() {
        Frame frame = read("a,b,c\n1,2,3\n4\n5,x\n");

        assertThat(numbers(frame, 0)).containsExactly(1.0, 4.0, 5.0);
        assertThat(texts(frame, 1)).containsExactly("2", null, "x");
        assertThat(numbers(frame, 2)).containsExactly(3.0, Double.NaN, Double.NaN);
    }

    @Test
    void rejectsRecordWithMoreFieldsThanHeaderNamingLine() {
        assertThatThrownBy(() -> read("a,b\n1,2\n\n3,4,5\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Error tokenizing data. Expected 2 fields in line 4, saw 3");
    }

    @Test
    void renamesDuplicateHeaders() {
        Frame frame = read("a,b,a,a\n1,2,3,4\n");

        assertThat(frame.columnNames()).containsExactly("a", "b", "a.1", "a.2");
    }

    @Test
    void skipsDuplicateSuffixThatHeaderAlreadyHolds() {
        Frame frame = read("a,a,a.1\n1,2,3\n");

        assertThat(frame.columnNames()).containsExactly("a", "a.2", "a.1");
    }

    @Test
    void namesEmptyHeaderCellsUnnamed() {
        Frame frame = read(",b,\n1,2,3\n");

        assertThat(frame.columnNames()).containsExactly("Unnamed: 0", "b", "Unnamed: 2");
    }

    @Test
    void keepsNaStringsInHeaderAsNames() {
        Frame frame = read("NA,None\n1,2\n");

        assertThat(frame.columnNames()).containsExactly("NA", "None");
    }

    @Test
    void readsHeaderOnlyAsZeroRows() {
        Frame frame = read("a,b\n");

        assertThat(frame.rowCount()).isZero();
        assertThat(frame.columnNames()).containsExactly("a", "b");
        assertThat(frame.column(0).size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n  \n", "\uFEFF"})
    void rejectsBodyWithoutHeader(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(BadInputException.class)
                .hasMessage("No columns to parse from file");
    }

    @Test
    void rejectsLatin1WithDrumMessage() {
        byte[] latin1 = "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(latin1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Supplied CSV input file encoding must be UTF-8.");
    }

    @Test
    void rejectsTruncatedUtf8Sequence() {
        byte[] truncated = {'a', '\n', (byte) 0xC3};

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Supplied CSV input file encoding must be UTF-8.");
    }

    @Test
    void readsMultiByteUtf8() {
        Frame frame = read("名前,v\ncafé,1\n日本,2\n");

        assertThat(frame.columnNames()).containsExactly("名前", "v");
        assertThat(texts(frame, 0)).containsExactly("café", "日本");
    }

    @Test
    void rejectsUnterminatedQuoteNamingLine() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"open\n4,5\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CSV parse error in line 3: a quoted field starting in this line is never closed");
    }

    @Test
    void rejectsUnterminatedQuoteInLastFieldWithoutNewline() {
        assertThatThrownBy(() -> read("a,b\n1,\"open"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CSV parse error in line 2: a quoted field starting in this line is never closed");
    }

    @Test
    void rejectsUnterminatedQuoteInHeader() {
        assertThatThrownBy(() -> read("\"a,b\n1,2\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CSV parse error in line 1: a quoted field starting in this line is never closed");
    }

    @Test
    void readsClosedQuoteAtEndOfBodyWithoutNewline() {
        Frame frame = read("a,b\n1,\"x\"\"\"");

        assertThat(texts(frame, 1)).containsExactly("x\"");
    }

    @Test
    void readsBodyEndingWithCarriageReturn() {
        Frame frame = read("a\r1\r2\r");

        assertThat(numbers(frame, 0)).containsExactly(1.0, 2.0);
    }

    @Test
    void rejectsFieldLargerThanParserBufferNamingLine() {
        String huge = "x".repeat(17 * 1024 * 1024);

        assertThatThrownBy(() -> read("a\n1\n" + huge + "\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("CSV parse error in line 3: ");
    }

    @Test
    void keepsCharactersAfterClosingQuote() {
        Frame frame = read("a\n\"x\"y\n");

        assertThat(texts(frame, 0)).containsExactly("xy");
    }

    @Test
    void readsMixedTypesCorpusFile() throws IOException {
        Path file = Path.of(System.getProperty("timpani.corpus", "../shared/corpus"),
                "pmml_sklearn_pipeline_mixed_types", "input.csv");
        assumeTrue(Files.isRegularFile(file), "corpus file " + file + " not present");

        Frame frame;
        try (InputStream body = Files.newInputStream(file)) {
            frame = reader.read(body);
        }

        assertThat(frame.columnCount()).isEqualTo(23);
        assertThat(frame.rowCount()).isEqualTo(300);
        // "None" is a category here, not a missing marker (pandas 1.5), beside ">200" and "Norm".
        String[] maxGluSerum = texts(frame, frame.indexOf("max_glu_serum"));
        assertThat(maxGluSerum[0]).isEqualTo("None");
        assertThat(maxGluSerum[2]).isEqualTo(">200");
        assertThat(java.util.Arrays.stream(maxGluSerum).filter("None"::equals).count()).isEqualTo(280);
        String[] age = texts(frame, frame.indexOf("age"));
        assertThat(age[0]).isEqualTo("[50-60)");
        assertThat(age[1]).isEqualTo("[20-30)");
        double[] timeInHospital = numbers(frame, frame.indexOf("time_in_hospital"));
        assertThat(timeInHospital[0]).isEqualTo(1.0);
        assertThat(timeInHospital[1]).isEqualTo(2.0);
        // "?" is a value, not a missing marker.
        assertThat(texts(frame, frame.indexOf("weight"))[0]).isEqualTo("?");
    }

    @Test
    void readsChunksInOrderEachTypedOnItsOwn() {
        java.io.InputStream body = new java.io.ByteArrayInputStream("a,b\n1,x\n2,y\n\n3,z\nfoo,w\n5,v\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        try (CsvFrameReader.Chunks chunks = reader.chunks(body, 2)) {
            chunks.forEachRemaining(frames::add);
        }

        assertThat(frames).extracting(Frame::rowCount).containsExactly(2, 2, 1);
        assertThat(numbers(frames.get(0), 0)).containsExactly(1.0, 2.0);
        assertThat(texts(frames.get(1), 0)).containsExactly("3", "foo");
        assertThat(numbers(frames.get(2), 0)).containsExactly(5.0);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.columnNames()).containsExactly("a", "b"));
    }

    @Test
    void readsHeaderOnlyBodyAsOneEmptyChunk() {
        java.io.InputStream body = new java.io.ByteArrayInputStream("a,b\n".getBytes());
        try (CsvFrameReader.Chunks chunks = reader.chunks(body, 10)) {
            Frame frame = chunks.next();

            assertThat(frame.rowCount()).isZero();
            assertThat(chunks.hasNext()).isFalse();
        }
    }
}
