package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.ModernPython;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The corpus' scikit-learn cases on today's libraries, through the Python workers on the modern venv: their twins
 * of {@code src/test/resources/modern-pickles} (made by {@code src/test/python/make_modern_twins.py} with
 * scikit-learn 1.9.1, pandas 3.0.6 and numpy 2.4.6; the JVM kept out with {@code timpani.pickles.in-jvm=false})
 * answer what the library answered, an ONNX model beside a {@code custom.py} is served by the worker's ONNX
 * predictor, and the corpus' own scikit-learn 1.2.1 pickles, which 1.9.1 refuses to read, fail to load saying
 * which versions and with the library's words.
 */
@ModernPython
class ModernPicklesOnWorkersTest {

    static final Path TWINS = Path.of("src/test/resources/modern-pickles");

    /** 1.e-12: the same library computes both sides, from the same csv read by the same pandas. */
    private static final double TOLERANCE = 1e-12;

    static Stream<CorpusCase> twins() throws IOException {
        try (Stream<Path> folders = Files.list(TWINS)) {
            return folders.filter(Files::isDirectory).sorted().map(ModernPicklesOnWorkersTest::twin).toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    static CorpusCase twin(Path folder) {
        Map<String, Object> meta;
        try (Reader reader = Files.newBufferedReader(folder.resolve("case.json"), StandardCharsets.UTF_8)) {
            meta = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> labels = new ArrayList<>((List<String>) meta.getOrDefault("class_labels", List.of()));
        return new CorpusCase(folder.getFileName().toString(), folder, (String) meta.get("target_type"), labels,
                TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void servesTheModernTwinAsTheLibraryDid(CorpusCase twin) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(twin.serverProperties());
        properties.put("timpani.pickles.in-jvm", "false");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            assertThat(server.http().get("/health/").status()).as("health of " + twin).isEqualTo(200);
            assertThat(server.http().get("/info/").json().path("servedBy").asString()).startsWith("python: ");

            if (Files.exists(twin.folder().resolve("input.mtx"))) {
                byte[] mtx = Files.readAllBytes(twin.folder().resolve("input.mtx"));
                Map<String, NamedFile> files = new LinkedHashMap<>();
                files.put("X", new NamedFile("input.mtx", mtx));
                files.put("X.colnames", new NamedFile("input.columns",
                        Files.readAllBytes(twin.folder().resolve("input.columns"))));
                Response multipart = server.http().postFiles("/predict/", files);
                assertThat(multipart.status()).as(multipart.body()).isEqualTo(200);
                PredictionAssert.matchesExpected(multipart.json(), twin);
                return;
            }
            answersAsTheLibraryDid(server, twin);
        }
    }

    /** The twin's csv through {@code /predict/} and {@code /invocations}: the library's answers, both times. */
    static void answersAsTheLibraryDid(TimpaniServer server, CorpusCase twin) throws IOException {
        byte[] input = Files.readAllBytes(twin.input());
        Response response = server.http().postX("/predict/", "input.csv", input);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        PredictionAssert.matchesExpected(response.json(), twin);
        Response raw = server.http().post("/invocations", "text/csv; charset=utf-8", input);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        PredictionAssert.matchesExpected(raw.json(), twin);
    }

    /**
     * scikit-learn 1.9.1 cannot read 1.2.1's trees; the load fails (513 on every route) naming the artifact, the
     * pickle's {@code _sklearn_version} and the installed one, with scikit-learn's own text.
     */
    @Test
    void aPickleTheInstalledScikitLearnCannotReadIsALoadErrorNamingBothVersions() {
        CorpusCase corpusCase = Corpus.get("sklearn_regression");
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.pickles.in-jvm", "false");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: An error occurred when loading your artifact: Could not "
                            + "load the artifact model.pkl: it was saved by scikit-learn 1.2.1 (its _sklearn_version) "
                            + "and the workers' Python (" + PythonSupport.MODERN_PYTHON + ") has scikit-learn ")
                    .containsPattern("has scikit-learn 1\\.9\\.[0-9]+, which cannot read it\\. Save the model again "
                            + "with scikit-learn 1\\.9\\.[0-9]+, or point timpani.workers.python at a Python with "
                            + "scikit-learn 1\\.2\\.1\\. Exception: ValueError: node array from the pickle has an "
                            + "incompatible dtype");
            Response predict = server.http().post("/predict/", "text/csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
            assertThat(predict.status()).isEqualTo(513);
            assertThat(predict.message()).isEqualTo(health.message());
        }
    }

    /** The same refusal inside a load_model hook: DRUM's words, the library's text, and which file is of what. */
    @Test
    void aLoadModelHookThatCannotReadItsPickleNamesTheFileAndBothVersions() {
        CorpusCase corpusCase = Corpus.get("python_custom_all_hooks");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: An error occurred when loading your artifact: "
                            + "'load_model' hook failed to load the model. Exception: node array from the pickle has "
                            + "an incompatible dtype")
                    .containsPattern("\\(bundle\\.joblib was saved by scikit-learn 1\\.2\\.1; the workers' Python \\("
                            + java.util.regex.Pattern.quote(PythonSupport.MODERN_PYTHON)
                            + "\\) has scikit-learn 1\\.9\\.[0-9]+\\)$");
        }
    }

    /** A Pipeline of a scaler and a linear model: no tree, so 1.9.1 reads it, warning; it still serves, as in DRUM. */
    @Test
    void aPickleOfAnotherVersionThatLoadsStillServes() throws IOException {
        CorpusCase corpusCase = Corpus.get("sklearn_binary");
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.pickles.in-jvm", "false");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), corpusCase);
        }
    }
}
