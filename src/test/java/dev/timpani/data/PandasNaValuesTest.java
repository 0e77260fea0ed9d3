package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * "None" is a category for pandas 1.5 (DRUM's images, the corpus) and missing for pandas 2 and later, whose
 * read_csv lists it among its default NA strings (measured: pandas 1.5.3's and 3.0.6's {@code STR_NA_VALUES}).
 */
class PandasNaValuesTest {

    private static Frame read(PandasNaValues naValues, String csv) {
        return new CsvFrameReader(naValues).read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noneIsACategoryForPandasOneAndMissingForPandasTwo() {
        String csv = "glucose,dose\nNone,None\n>200,1.5\nNorm,\n";

        Frame pandas1 = read(PandasNaValues.PANDAS_1, csv);
        assertThat(((TextColumn) pandas1.column(0)).values()).containsExactly("None", ">200", "Norm");
        assertThat(((TextColumn) pandas1.column(1)).values()).containsExactly("None", "1.5", null);

        Frame pandas2 = read(PandasNaValues.PANDAS_2, csv);
        assertThat(((TextColumn) pandas2.column(0)).values()).containsExactly(null, ">200", "Norm");
        // With "None" missing, the column holds numbers only: pandas 2 reads it as float64.
        assertThat(((NumericColumn) pandas2.column(1)).values()).containsExactly(Double.NaN, 1.5, Double.NaN);
    }

    @Test
    void everyOtherSpellingIsMissingForBoth() {
        for (PandasNaValues naValues : new PandasNaValues[] {PandasNaValues.PANDAS_1, PandasNaValues.PANDAS_2}) {
            for (String spelling : new String[] {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "<NA>", "#N/A"}) {
                assertThat(naValues.missing(spelling)).as("%s: %s", naValues, spelling).isTrue();
            }
            assertThat(naValues.missing("?")).isFalse();
            assertThat(naValues.missing("none")).isFalse();
        }
    }
}
