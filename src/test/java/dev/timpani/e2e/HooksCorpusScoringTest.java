package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus cases of Python models (custom.py hooks, sklearn / xgboost pickles, torch state dicts), scored over
 * HTTP and compared with what the original framework computed. Pickles are served by whichever path takes them:
 * in the JVM when allow-listed (loaders.pickle), else by the Python hook workers.
 */
class HooksCorpusScoringTest {

    static Stream<CorpusCase> pythonCases() {
        return Corpus.cases("sklearn_", "xgboost_pkl_", "python_custom_all_hooks")
                .filter(c -> Files.exists(c.input()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonCases")
    void scoresCorpusCaseAsItsFrameworkDid(CorpusCase corpusCase) throws IOException {
        PythonSupport.assumeModules("pandas", "sklearn", "xgboost", "joblib");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            assertThat(server.http().get("/health/").status()).as("health of " + corpusCase).isEqualTo(200);
            byte[] input = Files.readAllBytes(corpusCase.input());

            Response response = server.http().postX("/predict/", "input.csv", input);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            PredictionAssert.matchesExpected(response.json(), corpusCase);

            for (String route : new String[] {"/predictions", "/invocations"}) {
                Response raw = server.http().post(route, "text/csv; charset=utf-8", input);
                assertThat(raw.status()).as(route + ": " + raw.body()).isEqualTo(200);
                PredictionAssert.matchesExpected(raw.json(), corpusCase);
            }
        }
    }

    @Test
    void scoresPytorchStateDictThroughHooks() throws IOException {
        PythonSupport.assumeModules("pandas", "torch");
        CorpusCase corpusCase = Corpus.get("pytorch_pth_custom_multiclass");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), corpusCase);
        }
    }

    /** R-IN-8: MatrixMarket with its column names reaches the pickle as DRUM hands it over. */
    @Test
    void scoresSparseMatrixMarketInput() throws IOException {
        PythonSupport.assumeModules("pandas", "sklearn", "scipy");
        CorpusCase corpusCase = Corpus.get("sklearn_sparse_regression");
        byte[] mtx = Files.readAllBytes(corpusCase.folder().resolve("input.mtx"));
        byte[] columns = Files.readAllBytes(corpusCase.folder().resolve("input.columns"));
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Map<String, NamedFile> files = new LinkedHashMap<>();
            files.put("X", new NamedFile("input.mtx", mtx));
            files.put("X.colnames", new NamedFile("input.columns", columns));
            Response multipart = server.http().postFiles("/predict/", files);
            assertThat(multipart.status()).as(multipart.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(multipart.json(), corpusCase);

            Response raw = server.http().post("/predict/", "text/mtx", mtx);
            assertThat(raw.status()).as(raw.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(raw.json(), corpusCase);
        }
    }

    /** R-HOOK-11: load_model raises, so every route answers 513 with the hook's exception text. */
    @Test
    void loadModelFailureIsTheErrorServer() throws IOException {
        PythonSupport.assumeModules("pandas");
        CorpusCase corpusCase = Corpus.get("python_custom_load_model_raises");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            String expected = "ERROR: An error occurred when loading your artifact: 'load_model' hook failed to load "
                    + "the model. Exception: intentional load_model failure";
            for (String route : new String[] {"/ping/", "/health/", "/"}) {
                Response response = server.http().get(route);
                assertThat(response.status()).as(route).isEqualTo(513);
                assertThat(response.message()).as(route).startsWith(expected);
            }
            byte[] input = Files.readAllBytes(corpusCase.input());
            for (String route : new String[] {"/predict/", "/predictions/", "/invocations", "/predictUnstructured/"}) {
                Response response = server.http().post(route, "text/csv", input);
                assertThat(response.status()).as(route).isEqualTo(513);
                assertThat(response.message()).as(route).startsWith(expected);
            }
        }
    }
}
