package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers reach text-typed model fields as pandas would have printed them. */
class PandasTextTest {

    @Test
    void printsWholeNumbersAsIntegersAndOthersAsFloats() {
        assertThat(PandasText.of(4.0)).isEqualTo("4");
        assertThat(PandasText.of(70.0)).isEqualTo("70");
        assertThat(PandasText.of(-3.0)).isEqualTo("-3");
        assertThat(PandasText.of(1.5)).isEqualTo("1.5");
        assertThat(PandasText.of(1.0e300)).isEqualTo("1.0E300");
    }

    @Test
    void boxesNumbersForModelApisAsNumbersOrAsPandasText() {
        NumericColumn column = new NumericColumn(new double[] {4.0, Double.NaN, 1.5});

        assertThat(column.boxed(true).apply(0)).isEqualTo("4");
        assertThat(column.boxed(true).apply(1)).isNull();
        assertThat(column.boxed(true).apply(2)).isEqualTo("1.5");
        assertThat(column.boxed(false).apply(0)).isEqualTo(4.0);
        assertThat(column.boxed(false).apply(1)).isNull();
    }
}
