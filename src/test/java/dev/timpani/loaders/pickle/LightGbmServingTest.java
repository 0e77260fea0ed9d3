package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A LightGBM pickle through the whole server with no Python interpreter: the library's own answers to its column
 * probes (ExactnessServingTest checks {@code input.csv}): another column order is answered by position, as
 * LightGBM does, and an extra column is refused with LightGBM's words, a 500 as in DRUM.
 */
class LightGbmServingTest {

    private static final Path CLASSIFIER = Path.of("src/test/resources/exactness/lightgbm-4.7.0/LGBMClassifier/000");

    @Test
    void answersReorderedColumnsByPositionAndRefusesAnExtraColumnWithLightGbmsText() throws IOException {
        CorpusCase corpusCase = new CorpusCase("LGBMClassifier-000", CLASSIFIER, "binary", List.of("a", "b"), 0);
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.workers.python", "/nonexistent/python3");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            assertThat(server.http().get("/info/").json().path("servedBy").asString())
                    .startsWith("pickle: ").contains("LGBMClassifier").contains("compiled LightGBM evaluator");

            Response reordered = server.http().postX("/predict/", "input.csv",
                    Files.readAllBytes(CLASSIFIER.resolve("reordered_columns.csv")));
            assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
            CorpusCase.Table expected = CorpusCase.table(CLASSIFIER.resolve("reordered_columns_expected.csv"));
            JsonNode predictions = reordered.json().path("predictions");
            assertThat(predictions.size()).isEqualTo(expected.rowCount());
            for (int row = 0; row < expected.rowCount(); row++) {
                for (int column = 0; column < expected.names().size(); column++) {
                    assertThat(predictions.get(row).get(expected.names().get(column)).asDouble())
                            .as("row %d class %s", row + 1, expected.names().get(column))
                            .isEqualTo(expected.columns()[column][row]);
                }
            }

            Response extra = server.http().postX("/predict/", "input.csv",
                    Files.readAllBytes(CLASSIFIER.resolve("extra_column.csv")));
            String libraryText = Files.readString(CLASSIFIER.resolve("extra_column.txt")).strip();
            assertThat(extra.status()).as(extra.body()).isEqualTo(500);
            assertThat(extra.json().path("message").asString())
                    .contains(libraryText.substring("LightGBMError: ".length()));
            assertThat(server.http().get("/health/").status()).as("the server stays up").isEqualTo(200);
        }
    }
}
