package dev.timpani.loaders;

import dev.timpani.data.NumberText;
import dev.timpani.model.RawPredictions;
import dev.timpani.testing.CorpusCase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
        return assertClose(corpusCase, tolerance, 0.0, expected, expectedNames, actualColumns);
    }

    /**
     * As above with a bound of {@code absolute + relative * |expected|} per value; with a relative bound the
     * largest difference returned is relative too ({@code |actual - expected| / |expected|}).
     */
    private static double assertClose(CorpusCase corpusCase, double absolute, double relative,
            CorpusCase.Table expected, List<String> expectedNames, List<double[]> actualColumns) {
        String tolerance = relative > 0 ? absolute + " + " + relative + " * |expected|" : Double.toString(absolute);
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
                // The same infinity, or NaN for NaN, is a match; anything else against a non-finite value is not.
                boolean same = got[row] == want[row] || Double.isNaN(got[row]) && Double.isNaN(want[row]);
                double diff = same ? 0.0 : Math.abs(got[row] - want[row]);
                if (Double.isNaN(diff)) {
                    diff = Double.POSITIVE_INFINITY;
                }
                maxDiff = Math.max(maxDiff, relative > 0 && diff > 0 ? diff / Math.abs(want[row]) : diff);
                if (diff > absolute + relative * Math.abs(want[row]) && firstDifference == null) {
                    firstDifference = "column '" + name + "' row " + (row + 1) + ": got " + got[row] + ", expected "
                            + want[row] + " (diff " + diff + ")";
                }
            }
        }
        String verdict = firstDifference != null ? "FAIL"
                : maxDiff <= corpusCase.tolerance() ? "PASS" : "PASS only within its known deviation " + tolerance;
        System.out.printf("CORPUS %-45s max %s diff %.3g (case tolerance %.1g) %s%n", corpusCase.name(),
                relative > 0 ? "relative" : "abs", maxDiff, corpusCase.tolerance(), verdict);
        assertThat(firstDifference).as("%s: first value beyond tolerance %s", corpusCase, tolerance).isNull();
        return maxDiff;
    }

    /**
     * Compares a model's raw output with the case as the server would map it: regression one column; classifier
     * columns labelled by the model matched to the case's labels after DRUM's standardising (R-OUT-11), or
     * positional, where one column is P(positive) and the negative is 1 - p (R-OUT-12).
     */
    public static double assertMatchesCase(CorpusCase corpusCase, double tolerance, RawPredictions predictions) {
        return assertMatchesCase(corpusCase, tolerance, 0.0, predictions);
    }

    /** As above, within {@code absolute + relative * |expected|} of each value (see {@link #assertClose}). */
    public static double assertMatchesCase(CorpusCase corpusCase, double absolute, double relative,
            RawPredictions predictions) {
        CorpusCase.Table expected = corpusCase.expected();
        List<String> labels = corpusCase.labels();
        double[][] columns = predictions.columns();
        if (labels.isEmpty()) {
            assertThat(columns).hasNumberOfRows(1);
            return assertClose(corpusCase, absolute, relative, expected, List.of("Predictions"), List.of(columns[0]));
        }
        if (predictions.columnLabels().isPresent()) {
            List<String> reported = predictions.columnLabels().orElseThrow();
            List<double[]> matched = new ArrayList<>();
            for (String label : labels) {
                int column = indexOfLabel(reported, label);
                assertThat(column).as("%s: a column labelled like '%s' among %s", corpusCase, label, reported)
                        .isGreaterThanOrEqualTo(0);
                matched.add(columns[column]);
            }
            return assertClose(corpusCase, absolute, relative, expected, labels, matched);
        }
        if (labels.size() == 2 && columns.length == 1) {
            return assertClose(corpusCase, absolute, relative, expected, labels, List.of(complement(columns[0]), columns[0]));
        }
        assertThat(columns).hasNumberOfRows(labels.size());
        return assertClose(corpusCase, absolute, relative, expected, labels, List.of(columns));
    }

    public static double assertMatchesCase(CorpusCase corpusCase, RawPredictions predictions) {
        return assertMatchesCase(corpusCase, corpusCase.tolerance(), predictions);
    }

    private static double[] complement(double[] probabilities) {
        double[] complement = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            complement[i] = 1 - probabilities[i];
        }
        return complement;
    }

    private static int indexOfLabel(List<String> labels, String wanted) {
        String standard = standardLabel(wanted);
        for (int i = 0; i < labels.size(); i++) {
            if (standardLabel(labels.get(i)).equals(standard)) {
                return i;
            }
        }
        return -1;
    }

    /** Labels compare as numbers when they are numbers ("0" = "0.0"), else case-insensitively ("False" = "false"). */
    private static String standardLabel(String label) {
        String stripped = label.strip();
        if (NumberText.isNumber(stripped)) {
            return Double.toString(NumberText.parseOrNaN(stripped));
        }
        return stripped.toLowerCase(java.util.Locale.ROOT);
    }
}
