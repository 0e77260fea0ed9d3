package dev.timpani.loaders.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The H2O loader inside the whole server: load errors as 513, odd requests still scored as H2O scores them. */
class H2oServerTest {

    @TempDir
    Path codeDir;

    @Test
    void corruptMojoIs513NamingTheFile() throws IOException {
        Files.writeString(codeDir.resolve("model.zip"), "PK this is not a zip");

        assertHealthFails("ERROR: Could not load H2O MOJO model.zip: ");
    }

    @Test
    void corruptPojoIs513NamingTheFile() throws IOException {
        Files.writeString(codeDir.resolve("Foo.java"), "public class Foo extends { broken");

        assertHealthFails("ERROR: Could not compile H2O POJO Foo.java: line 1: ");
    }

    @Test
    void driverlessAiPipelineWithoutItsRuntimeIs513SayingWhatToAdd() throws IOException {
        Files.writeString(codeDir.resolve("pipeline.mojo"), "not a pipeline");

        assertHealthFails("ERROR: pipeline.mojo is a Driverless AI MOJO scoring pipeline, which only H2O's licensed "
                + "MOJO2 runtime can score: add mojo2-runtime.jar");
    }

    @Test
    void requestWithoutSomeColumnsScoresTheirValuesAsMissing() throws Exception {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_gbm_readmitted_binary");
        CsvText csv = CsvText.read(corpusCase.input()).firstRows(30)
                .without("admission_type_id", "num_lab_procedures", "A1Cresult");

        assertScoredLikeH2o(corpusCase, csv);
    }

    @Test
    void requestWithUnknownLevelsScoresThemAsMissing() throws Exception {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_gbm_readmitted_binary");
        CsvText csv = CsvText.read(corpusCase.input()).firstRows(30)
                .replacing("race", "Martian").replacing("payer_code", "ZZ-unknown");

        assertScoredLikeH2o(corpusCase, csv);
    }

    @Test
    void infoNamesThePredictor() {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_regression");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            assertThat(server.http().get("/info/").json().path("predictor").asString()).isEqualTo("H2OPredictor");
        }
    }

    private void assertScoredLikeH2o(CorpusCase corpusCase, CsvText csv) throws Exception {
        double[][] want = H2oReference.ofMojo(corpusCase.artifact()).binomial(csv.header(), csv.rows());
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Response response = server.http().post("/predict/", "text/csv", csv.bytes());

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode predictions = response.json().path("predictions");
            assertThat(predictions.size()).isEqualTo(want.length);
            for (int row = 0; row < want.length; row++) {
                assertThat(predictions.get(row).path("False").asDouble()).as("row %d False", row + 1)
                        .isEqualTo(want[row][0]);
                assertThat(predictions.get(row).path("True").asDouble()).as("row %d True", row + 1)
                        .isEqualTo(want[row][1]);
            }
        }
    }

    private void assertHealthFails(String messageStart) {
        Map<String, String> properties = Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "binary", "timpani.labels.negative", "0", "timpani.labels.positive", "1");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith(messageStart);
        }
    }
}
