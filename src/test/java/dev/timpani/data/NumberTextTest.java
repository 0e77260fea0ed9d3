package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R-IN-5: numbers parse to exactly the double {@code Double.parseDouble} gives (NumberText uses a faster
 * parser), under pandas' rules for what counts as a number.
 */
class NumberTextTest {

    @Test
    void everySpellingOfRandomDoublesParsesToTheSameBitsAsTheJdk() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 200_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            assertSameAsJdk(Double.toString(value));
            assertSameAsJdk(String.format("%.17g", value));
            assertSameAsJdk(String.format("%.6e", value));
            if (i % 50 == 0) {
                assertSameAsJdk(new BigDecimal(value).toString()); // the exact expansion: hundreds of digits
            }
        }
    }

    @Test
    void csvLikeNumbersAndRoundingEdgesParseToTheSameBitsAsTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            assertSameAsJdk(random.nextInt(-100_000, 100_000) + "." + random.nextInt(0, 1_000_000_000));
        }
        for (String text : new String[] {"0", "-0", "-0.0", "0.1", "1e23", "8.41e21", "9007199254740993",
                "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "2.4703282292062328e-324",
                "1.7976931348623157e308", "1.7976931348623158e308", "1e-400", "1e400", "+.5", "5.", "1E5",
                "0.30000000000000004", "123456789012345678901234567890"}) {
            assertSameAsJdk(text);
        }
    }

    @Test
    void followsPandasRulesNotJavas() {
        assertThat(NumberText.parseOrNaN(" 1.5 ")).isEqualTo(1.5);
        assertThat(NumberText.parseOrNaN("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberText.parseOrNaN("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        for (String notANumber : new String[] {"1d", "2.5f", "0x1p3", "abc", "1,5", "1_000", "", "--1", "NaN"}) {
            assertThat(NumberText.parseOrNaN(notANumber)).as(notANumber).isNaN();
        }
        assertThat(NumberText.isNumber("NaN")).isTrue();
        assertThat(NumberText.isNumber("x")).isFalse();
    }

    private static void assertSameAsJdk(String text) {
        assertThat(Double.doubleToRawLongBits(NumberText.parseOrNaN(text)))
                .as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
}
