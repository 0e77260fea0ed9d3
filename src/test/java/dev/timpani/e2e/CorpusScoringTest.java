package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end truth: each corpus case is served the way DRUM would be started for it, scored over HTTP with
 * {@code curl -F X=@input.csv}, and every value compared with what the original framework computed.
 * A new case in the corpus needs no new code.
 */
class CorpusScoringTest {

    static Stream<CorpusCase> jvmNativeCases() {
        return Corpus.cases("pmml_", "xgboost_native_", "h2o_", "onnx_", "torchscript_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jvmNativeCases")
    void scoresCorpusCaseAsItsFrameworkDid(CorpusCase corpusCase) throws IOException {
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            assertThat(server.http().get("/health/").status()).as("health of " + corpusCase).isEqualTo(200);

            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            PredictionAssert.matchesExpected(response.json(), corpusCase);

            // R-IN-2: the same rows as a raw csv body, on DRUM's other structured routes.
            byte[] input = Files.readAllBytes(corpusCase.input());
            for (String route : new String[] {"/predictions", "/invocations"}) {
                Response raw = server.http().post(route, "text/csv; charset=utf-8", input);
                assertThat(raw.status()).as(route + ": " + raw.body()).isEqualTo(200);
                PredictionAssert.matchesExpected(raw.json(), corpusCase);
            }
        }
    }
}
