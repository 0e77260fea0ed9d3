package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The corpus' R cases (R-HOOK-9): lone {@code .rds} models (caret {@code train} objects, a caret recipe model,
 * a plain randomForest) served by the R workers, scored over HTTP and compared with what R computed. Caret's
 * {@code make.names()} labels come back as the requested ones.
 */
class RCorpusScoringTest {

    static Stream<CorpusCase> rCases() {
        return Corpus.cases("r_").filter(c -> Files.exists(c.input()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rCases")
    void scoresCorpusCaseAsRDid(CorpusCase corpusCase) throws IOException {
        RSupport.assumePackages("caret", "recipes", "glmnet", "randomForest", "rpart");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            assertThat(server.http().get("/health/").status()).as("health of " + corpusCase).isEqualTo(200);
            JsonNode info = server.http().get("/info/").json();
            assertThat(info.path("language").asString()).isEqualTo("r");
            assertThat(info.path("predictor").asString()).isEqualTo("RPredictor");
            byte[] input = Files.readAllBytes(corpusCase.input());

            Response response = server.http().postX("/predict/", "input.csv", input);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            PredictionAssert.matchesExpected(response.json(), corpusCase);
            System.out.printf("R corpus case %s: max abs diff %.3g (tolerance %s)%n", corpusCase.name(),
                    maxAbsDiff(response.json(), corpusCase), corpusCase.tolerance());

            Response raw = server.http().post("/invocations", "text/csv; charset=utf-8", input);
            assertThat(raw.status()).as(raw.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(raw.json(), corpusCase);
        }
    }

    private static double maxAbsDiff(JsonNode body, CorpusCase corpusCase) {
        CorpusCase.Table expected = corpusCase.expected();
        double max = 0;
        for (int row = 0; row < expected.rowCount(); row++) {
            JsonNode prediction = body.path("predictions").get(row);
            for (int column = 0; column < expected.names().size(); column++) {
                JsonNode got = corpusCase.labels().isEmpty() ? prediction
                        : prediction.get(expected.names().get(column));
                max = Math.max(max, Math.abs(got.asDouble() - expected.columns()[column][row]));
            }
        }
        return max;
    }
}
