package dev.timpani.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Compares a {@code /predict/} body with a case's expected.csv, value by value, within its tolerance. */
public final class PredictionAssert {

    private PredictionAssert() {
    }

    public static void matchesExpected(JsonNode body, CorpusCase corpusCase) {
        CorpusCase.Table expected = corpusCase.expected();
        JsonNode predictions = body.path("predictions");
        assertThat(predictions.size()).as("one prediction per input row").isEqualTo(expected.rowCount());
        List<String> header = expected.names();
        for (int row = 0; row < expected.rowCount(); row++) {
            JsonNode prediction = predictions.get(row);
            for (int column = 0; column < header.size(); column++) {
                double want = expected.columns()[column][row];
                JsonNode got = corpusCase.labels().isEmpty() ? prediction : prediction.get(header.get(column));
                if (got == null || !got.isNumber()) {
                    fail("row %d: no number for %s in %s", row + 1, header.get(column), prediction);
                }
                double diff = Math.abs(got.asDouble() - want);
                double tolerance = KnownDeviations.tolerance(corpusCase.name(), corpusCase.tolerance());
                if (!(diff <= tolerance)) {
                    fail("%s row %d column %s: got %s, expected %s (tolerance %s)", corpusCase.name(), row + 1,
                            header.get(column), got.asDouble(), want, tolerance);
                }
            }
        }
        if (!corpusCase.labels().isEmpty()) {
            assertThat(predictions.get(0).propertyNames()).as("labels of " + corpusCase.name())
                    .containsExactlyInAnyOrderElementsOf(corpusCase.labels());
        }
    }
}
