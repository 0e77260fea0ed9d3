package dev.timpani.loaders;

import dev.timpani.testing.CorpusCase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Compares predicted columns with expected ones value by value and says where they first differ. */
public final class PredictionComparison {

    private PredictionComparison() {
    }

    /**
     * Asserts |actual - expected| <= tolerance everywhere; {@code actualColumns.get(i)} is compared with expected
     * column {@code expectedNames.get(i)}. Returns the largest difference and prints a one-line result.
     */
    public static double assertClose(CorpusCase corpusCase, CorpusCase.Table expected, List<String> expectedNames,
            List<double[]> actualColumns) {
        return assertClose(corpusCase, corpusCase.tolerance(), expected, expectedNames, actualColumns);
    }

    /** As above with a bound other than the case's own, for a case whose artifact cannot meet it (say why). */
    public static double assertClose(CorpusCase corpusCase, double tolerance, CorpusCase.Table expected,
            List<String> expectedNames, List<double[]> actualColumns) {
        double maxDiff = 0;
        String firstDifference = null;
        for (int i = 0; i < expectedNames.size(); i++) {
            String name = expectedNames.get(i);
            int index = expected.names().indexOf(name);
            assertThat(index).as("%s: expected.csv has column '%s'", corpusCase, name).isGreaterThanOrEqualTo(0);
            double[] want = expected.columns()[index];
            double[] got = actualColumns.get(i);
            assertThat(got).as("%s: rows of column '%s'", corpusCase, name).hasSize(want.length);
            for (int row = 0; row < want.length; row++) {
                double diff = Math.abs(got[row] - want[row]);
                if (Double.isNaN(diff)) {
                    diff = Double.POSITIVE_INFINITY;
                }
                maxDiff = Math.max(maxDiff, diff);
                if (diff > tolerance && firstDifference == null) {
                    firstDifference = "column '" + name + "' row " + (row + 1) + ": got " + got[row] + ", expected "
                            + want[row] + " (diff " + diff + ")";
                }
            }
        }
        String verdict = firstDifference != null ? "FAIL"
                : maxDiff <= corpusCase.tolerance() ? "PASS" : "PASS only within its known deviation " + tolerance;
        System.out.printf("CORPUS %-45s max abs diff %.3g (case tolerance %.1g) %s%n", corpusCase.name(), maxDiff,
                corpusCase.tolerance(), verdict);
        assertThat(firstDifference).as("%s: first value beyond tolerance %s", corpusCase, tolerance).isNull();
        return maxDiff;
    }
}
