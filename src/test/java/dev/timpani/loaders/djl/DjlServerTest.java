package dev.timpani.loaders.djl;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole server with a tensor model: a corrupt file is a clear load error (513), a good one names its predictor. */
class DjlServerTest {

    @TempDir
    Path codeDir;

    @ParameterizedTest
    @ValueSource(strings = {"model.onnx", "model.pt", "model.torchscript"})
    void corruptArtifactIs513OnHealthNamingTheFile(String fileName) throws IOException {
        Files.writeString(codeDir.resolve(fileName), "this is not a model");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: Could not load ").contains(fileName)
                    .doesNotContain("\n");
            Response predict = server.http().post("/predict/", "text/csv", "a\n1\n".getBytes());
            assertThat(predict.status()).isEqualTo(513);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnx_torch_multiclass:ONNXPredictor", "torchscript_multiclass:TorchScriptPredictor"})
    void infoNamesThePredictor(String caseAndPredictor) {
        String[] parts = caseAndPredictor.split(":");
        CorpusCase corpusCase = Corpus.get(parts[0]);

        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            assertThat(server.http().get("/health/").status()).isEqualTo(200);
            assertThat(server.http().get("/info/").json().path("predictor").asText()).isEqualTo(parts[1]);
        }
    }

    @Test
    void wrongWidthIs422() throws IOException {
        CorpusCase corpusCase = Corpus.get("onnx_torch_binary");

        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Response response = server.http().post("/predict/", "text/csv", "a,b\n1,2\n".getBytes());

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.message()).isEqualTo("ERROR: The model expects 4 features, the request has 2 columns");
        }
    }
}
