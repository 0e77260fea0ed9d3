package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * R-IN-5: a csv number is the double pandas' {@code read_csv} makes of it, bit for bit, as DRUM reads it; pandas'
 * default parser is not correctly rounded ({@link PandasDoubles}). The expected bits come from pandas itself
 * ({@code src/test/python/make_pandas_doubles.py}): random doubles in four spellings, random decimals of up to 25
 * digits with exponents to the edges of the range, and the small standardised values data sets hold.
 */
class NumberTextTest {

    @ParameterizedTest(name = "pandas {0}")
    @ValueSource(strings = {"1.5.3", "3.0.6"})
    void everySpellingParsesToTheBitsPandasReads(String pandasVersion) throws IOException {
        List<String[]> rows = rows(pandasVersion);
        int compared = 0;
        int notCorrectlyRounded = 0;
        for (String[] row : rows) {
            String text = row[0];
            String kind = row[1];
            if (kind.equals("text")) {
                continue;
            }
            double expected = Double.longBitsToDouble(Long.parseUnsignedLong(row[2], 16));
            if (pandasVersion.equals("1.5.3") && Double.isInfinite(expected)) {
                continue; // never reached: 1.5 keeps an out-of-range number as text
            }
            assertThat(Double.doubleToRawLongBits(NumberText.parseOrNaN(text))).as("%s (%s)", text, kind)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            compared++;
            if (expected != Double.parseDouble(text)) {
                notCorrectlyRounded++;
            }
        }
        assertThat(compared).isGreaterThan(30_000);
        // The reason this class exists: pandas and Double.parseDouble disagree on a good share of these.
        assertThat(notCorrectlyRounded).isGreaterThan(1_000);
    }

    /** pandas 1.5 reads an out-of-range exponent as text; pandas 2 and 3, which DRUM's environments pin, as inf. */
    @Test
    void outOfRangeIsInfiniteAsPandasThreeReadsIt() {
        assertThat(NumberText.parseOrNaN("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberText.parseOrNaN("-2.5E+999")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberText.parseOrNaN("0e400")).isEqualTo(0.0);
        assertThat(NumberText.parseOrNaN("1e-700")).isEqualTo(0.0);
    }

    @Test
    void followsPandasRulesNotJavas() {
        assertThat(NumberText.parseOrNaN(" 1.5 ")).isEqualTo(1.5);
        assertThat(NumberText.parseOrNaN("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberText.parseOrNaN("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberText.parseOrNaN("+.5")).isEqualTo(0.5);
        assertThat(NumberText.parseOrNaN("5.")).isEqualTo(5.0);
        assertThat(NumberText.parseOrNaN("123456789012345678")).isEqualTo(123456789012345678.0);
        for (String notANumber : new String[] {"1d", "2.5f", "0x1p3", "abc", "1,5", "1_000", "", "--1", "NaN", ".",
                "1e", "1e+", "-", "1.2.3"}) {
            assertThat(NumberText.parseOrNaN(notANumber)).as(notANumber).isNaN();
        }
        assertThat(NumberText.isNumber("NaN")).isTrue();
        assertThat(NumberText.isNumber("x")).isFalse();
    }

    private static List<String[]> rows(String pandasVersion) throws IOException {
        Path file = Path.of("src/test/resources/pandas-doubles/pandas-" + pandasVersion + ".csv");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.startsWith("#")).map(line -> line.split(",", -1)).toList();
        }
    }
}
