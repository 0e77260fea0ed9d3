package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixMarketReaderTest {

    private final MatrixMarketReader reader = new MatrixMarketReader();

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Frame read(String text, List<String> names) {
        return reader.read(body(text), names);
    }

    private static double[] column(Frame frame, int index) {
        return ((NumericColumn) frame.column(index)).values();
    }

    @Test
    void readsRealCoordinateMatrixDenseWithZeroForAbsentEntries() {
        Frame frame = read("""
                %%MatrixMarket matrix coordinate real general
                % written by scipy
                3 2 3
                1 1 1.5
                3 2 -2e-1
                2 1 4
                """, List.of("x", "y"));

        assertThat(frame.columnNames()).containsExactly("x", "y");
        assertThat(frame.rowCount()).isEqualTo(3);
        assertThat(column(frame, 0)).containsExactly(1.5, 4.0, 0.0);
        assertThat(column(frame, 1)).containsExactly(0.0, 0.0, -0.2);
    }

    @Test
    void namesColumnsByNumberWithoutColumnNames() {
        Frame frame = read("%%MatrixMarket matrix coordinate integer general\n2 3 1\n2 3 7\n", List.of());

        assertThat(frame.columnNames()).containsExactly("0", "1", "2");
        assertThat(column(frame, 2)).containsExactly(0.0, 7.0);
    }

    @Test
    void readsPatternEntriesAsOne() {
        Frame frame = read("%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n", List.of());

        assertThat(column(frame, 0)).containsExactly(0.0, 1.0);
        assertThat(column(frame, 1)).containsExactly(1.0, 0.0);
    }

    @Test
    void addsRepeatedCoordinates() {
        Frame frame = read("%%MatrixMarket matrix coordinate real general\n1 1 2\n1 1 1.5\n1 1 2\n", List.of());

        assertThat(column(frame, 0)).containsExactly(3.5);
    }

    @Test
    void readsBannerCaseInsensitivelyAndCrLfLines() {
        Frame frame = read("%%MatrixMarket MATRIX Coordinate REAL General\r\n\r\n1 1 1\r\n1 1 9\r\n", List.of());

        assertThat(column(frame, 0)).containsExactly(9.0);
    }

    @Test
    void readsEmptyMatrix() {
        Frame frame = read("%%MatrixMarket matrix coordinate real general\n0 2 0\n", List.of("a", "b"));

        assertThat(frame.rowCount()).isZero();
        assertThat(frame.columnNames()).containsExactly("a", "b");
    }

    @Test
    void rejectsWrongNumberOfColumnNames() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n1 3 0\n", List.of("a", "b")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("X.colnames must name every matrix column: expected 3 names, given 2");
    }

    @Test
    void rejectsBodyWithoutBanner() {
        assertThatThrownBy(() -> read("1 1 1\n1 1 1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 1: a MatrixMarket body must start with"
                        + " \"%%MatrixMarket matrix coordinate real|integer|pattern general\"");
    }

    @Test
    void rejectsArrayFormat() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix array real general\n1 1\n1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 1: only the coordinate format is read, not \"array\"");
    }

    @Test
    void rejectsSymmetricMatrix() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real symmetric\n1 1 0\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 1: only general matrices are read, not \"symmetric\"");
    }

    @Test
    void rejectsComplexField() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate complex general\n1 1 0\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 1: the field must be real, integer or pattern, not \"complex\"");
    }

    @Test
    void rejectsBadSizeLineNamingLine() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n% c\n2 x 1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 3: the column count must be a whole number of at least 0, not \"x\"");
    }

    @Test
    void rejectsMissingSizeLine() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n% only comments\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket body ends before its size line (rows columns entries)");
    }

    @Test
    void rejectsIndexOutOfRangeNamingLine() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n3 1 1\n",
                List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 4: the row index must be between 1 and 2, not \"3\"");
    }

    @Test
    void rejectsZeroBasedIndex() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 0 1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 3: the column index must be between 1 and 2, not \"0\"");
    }

    @Test
    void rejectsValueThatIsNotANumber() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 abc\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 3: the value must be a number, not \"abc\"");
    }

    @Test
    void rejectsEntryWithoutValue() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 3: an entry must hold row, column and value, found 2 values");
    }

    @Test
    void rejectsMoreEntriesThanDeclared() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 1\n",
                List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 4: more entries than the 1 the size line declares");
    }

    @Test
    void rejectsFewerEntriesThanDeclared() {
        assertThatThrownBy(() -> read("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket body holds 1 entries, its size line declares 3");
    }

    @Test
    void rejectsMatrixLargerThanDenseLimit() {
        MatrixMarketReader small = new MatrixMarketReader(100);

        assertThatThrownBy(() -> small.read(body("%%MatrixMarket matrix coordinate real general\n11 10 0\n"),
                List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 2: a 11 x 10 matrix is larger than the 100 cells this server reads");
    }

    @Test
    void rejectsManyColumnsOfNoRowsBeforeAllocatingThem() {
        assertThatThrownBy(() -> new MatrixMarketReader().read(
                body("%%MatrixMarket matrix coordinate real general\n0 2000000000 0\n"), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MatrixMarket line 2: a 0 x 2000000000 matrix is larger than the 50000000 cells this "
                        + "server reads");
    }

    @Test
    void readsColumnNamesOnePerLineStrippedIgnoringTrailingBlankLines() {
        List<String> names = MatrixMarketReader.readColumnNames(body("age\r\n income \nzip code\n\n\n"));

        assertThat(names).containsExactly("age", "income", "zip code");
    }

    @Test
    void readsEmptyColumnNamesFileAsNoNames() {
        assertThat(MatrixMarketReader.readColumnNames(body(""))).isEmpty();
    }
}
