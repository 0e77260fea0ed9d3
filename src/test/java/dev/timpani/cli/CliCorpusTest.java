package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.KnownDeviations;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every corpus case through every batch entry point, in-process (one JVM for the whole corpus): {@code score}
 * writes exactly the numbers {@code /predict/} answers for the same rows (and the bytes
 * {@code /predictUnstructured/} answers), within the case's tolerance of what the framework computed;
 * {@code perf-test} gets answers for the case's payloads; {@code validation}'s basic batch prediction passes.
 * A model the batch path sends the wrong operation (as pickles once got the unstructured one) fails here.
 */
class CliCorpusTest {

    private static final String LOAD_FAILURE = "python_custom_load_model_raises";

    @TempDir
    Path tmp;

    @BeforeAll
    static void useTheTestInterpreters() {
        // The batch commands read Spring properties from system properties too.
        System.setProperty("timpani.workers.python", PythonSupport.PYTHON);
        System.setProperty("timpani.workers.rscript", RSupport.RSCRIPT);
    }

    @AfterAll
    static void forgetTheTestInterpreters() {
        System.clearProperty("timpani.workers.python");
        System.clearProperty("timpani.workers.rscript");
    }

    static Stream<CorpusCase> everyCase() {
        return Corpus.cases("");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCase")
    void everyEntryPointScoresTheCaseAsTheServerDoes(CorpusCase corpusCase) throws Exception {
        assumeRuntime(corpusCase);
        if (corpusCase.name().equals(LOAD_FAILURE)) {
            assertEveryEntryPointReportsTheLoadError(corpusCase);
            return;
        }
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            if (corpusCase.targetType().equals("unstructured")) {
                assertScoreWritesTheUnstructuredAnswer(corpusCase, server);
            } else {
                assertScoreWritesThePredictAnswer(corpusCase, server);
            }
            assertPerfTestGetsAnswers(corpusCase, server);
        }
        assertValidationPassesBasicBatchPrediction(corpusCase);
    }

    /**
     * The first committed model of every family the proof serves in the JVM from the newest library versions here
     * (scikit-learn 1.9.1's trees, boosting, linear models and pipelines, LightGBM 4.7.0's wrappers and Booster):
     * {@code score} writes the numbers {@code /predict/} answers, bit for bit. How close those are to the library's
     * own is the proof's (ExactnessServingTest over HTTP).
     */
    static Stream<CorpusCase> generatedPickles() throws IOException {
        List<CorpusCase> cases = new ArrayList<>();
        for (String library : List.of("sklearn-1.9.1", "lightgbm-4.7.0")) {
            try (Stream<Path> families = Files.list(Path.of("src/test/resources/exactness", library))) {
                for (Path family : families.sorted().toList()) {
                    try (Stream<Path> models = Files.list(family)) {
                        models.sorted().findFirst().map(CliCorpusTest::generatedCase)
                                // A bare booster's own output (P(positive)) has no labels to pass a classifier's flags.
                                .filter(generated -> generated.targetType().equals("regression")
                                        || !generated.labels().isEmpty())
                                .ifPresent(cases::add);
                    }
                }
            }
        }
        return cases.stream();
    }

    private static CorpusCase generatedCase(Path folder) {
        JsonNode meta = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(folder.resolve("case.json").toFile());
        List<String> labels = new ArrayList<>();
        meta.path("class_labels").forEach(label -> labels.add(label.asText()));
        if (CorpusCase.table(folder.resolve("expected.csv")).names().equals(List.of("Predictions"))) {
            labels.clear();
        }
        return new CorpusCase(folder.getParent().getFileName() + "/" + folder.getFileName(), folder,
                meta.path("target_type").asText(), labels, 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedPickles")
    void scoreWritesWhatPredictAnswersForTodaysPickles(CorpusCase corpusCase) throws Exception {
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Path output = tmp.resolve("out.csv");
            CliRun score = run(with(flags(corpusCase), "score", "--output", output.toString()));
            Response predict = predict(corpusCase, server);
            if (predict.status() == 500 && predict.body().contains("do not add up to 1")) {
                // The library's own NaN probabilities on an extreme row: both entry points refuse the batch (R-OUT-14).
                assertThat(score.exit()).as(score.err()).isNotZero();
                assertThat(score.err()).contains("do not add up to 1");
                return;
            }
            assertThat(score.exit()).as("score of %s: %s", corpusCase, score.err()).isZero();
            assertThat(predict.status()).as(predict.body()).isEqualTo(200);
            assertSameBits(readCsv(Files.readAllBytes(output)), predictions(predict.json(), corpusCase), corpusCase);
        }
    }

    /** score's columns are /predict/'s, every number the same double. */
    private static void assertSameBits(Map<String, double[]> scored, Map<String, double[]> served,
                                       CorpusCase corpusCase) {
        assertThat(scored.keySet()).as("columns of %s", corpusCase).containsExactlyElementsOf(served.keySet());
        served.forEach((column, values) -> {
            double[] batch = scored.get(column);
            assertThat(batch).as("%s rows of %s", corpusCase, column).hasSameSizeAs(values);
            for (int row = 0; row < values.length; row++) {
                if (Double.isNaN(values[row]) && !Double.isFinite(batch[row])) {
                    continue; // JSON has no infinities: /predict/ writes them null (R-OUT-17), score as pandas does
                }
                assertThat(Double.doubleToLongBits(batch[row])).as("%s row %d %s: score %s, /predict/ %s", corpusCase,
                        row + 1, column, batch[row], values[row]).isEqualTo(Double.doubleToLongBits(values[row]));
            }
        });
    }

    private void assertScoreWritesThePredictAnswer(CorpusCase corpusCase, TimpaniServer server) throws IOException {
        Path output = tmp.resolve("out.csv");
        CliRun score = run(with(flags(corpusCase), "score", "--output", output.toString()));
        assertThat(score.exit()).as("score of %s: %s", corpusCase, score.err()).isZero();
        Map<String, double[]> scored = readCsv(Files.readAllBytes(output));

        Response predict = predict(corpusCase, server);
        assertThat(predict.status()).as(predict.body()).isEqualTo(200);
        Map<String, double[]> served = predictions(predict.json(), corpusCase);

        assertSameBits(scored, served, corpusCase);
        assertMatchesExpected(scored, corpusCase);
    }

    private void assertScoreWritesTheUnstructuredAnswer(CorpusCase corpusCase, TimpaniServer server)
            throws IOException, InterruptedException {
        Map<String, Object> request = unstructuredRequest(corpusCase);
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) caseYaml(corpusCase).get("expected_response");
        String contentType = (String) request.get("content_type");
        Path input = corpusCase.folder().resolve((String) request.get("body_file"));
        Path output = tmp.resolve("out.bin");

        CliRun score = run(with(flags(corpusCase), "score", "--output", output.toString()));

        assertThat(score.exit()).as("score of %s: %s", corpusCase, score.err()).isZero();
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.http().baseUrl() + "/predictUnstructured/"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(input)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(output)).isEqualTo(served.body())
                .isEqualTo(Files.readAllBytes(corpusCase.folder().resolve((String) response.get("body_file"))));
    }

    /** perf-test against the running server, so the corpus costs one model load less per case. */
    private void assertPerfTestGetsAnswers(CorpusCase corpusCase, TimpaniServer server) {
        List<String> args = new ArrayList<>(flags(corpusCase));
        args.addAll(List.of("--url", server.http().baseUrl(), "-s", "7", "-i", "2", "--concurrency", "1"));
        CliRun perfTest = run(with(args, "perf-test"));

        assertThat(perfTest.exit()).as("perf-test of %s: %s%s", corpusCase, perfTest.out(), perfTest.err()).isZero();
        assertThat(perfTest.out().lines().skip(1).toList()).as(perfTest.out())
                .singleElement().asString().matches("\\s+\\d+\\s+1\\s+2\\s+0\\s+.*");
    }

    private void assertValidationPassesBasicBatchPrediction(CorpusCase corpusCase) {
        List<String> args = new ArrayList<>(flags(corpusCase));
        args.addAll(List.of("--samples", "10"));
        CliRun validation = run(with(args, "validation"));

        assertThat(validation.out()).as("validation of %s: %s", corpusCase, validation.err())
                .containsPattern("Basic batch prediction\\s+PASSED")
                .containsPattern("Null value imputation\\s+(PASSED|FAILED)");
    }

    /** R-HOOK-11: each command fails with the hook's own error text on stderr, and exit code 1. */
    private void assertEveryEntryPointReportsTheLoadError(CorpusCase corpusCase) {
        for (String command : List.of("score", "perf-test", "validation")) {
            CliRun run = run(with(flags(corpusCase), command));

            assertThat(run.exit()).as(command).isEqualTo(1);
            assertThat(run.err()).as(command).startsWith("ERROR: ").contains("intentional load_model failure");
        }
    }

    /** DRUM's flags for the case: code dir, target type, labels, input. */
    private static List<String> flags(CorpusCase corpusCase) {
        List<String> flags = new ArrayList<>(corpusCase.drumFlags());
        Path mtx = corpusCase.folder().resolve("input.mtx");
        if (Files.exists(mtx)) {
            flags.addAll(List.of("--input", mtx.toString()));
        } else if (corpusCase.targetType().equals("unstructured")) {
            Map<String, Object> request = unstructuredRequest(corpusCase);
            flags.addAll(List.of("--input", corpusCase.folder().resolve((String) request.get("body_file")).toString(),
                    "--content-type", (String) request.get("content_type")));
        } else {
            flags.addAll(List.of("--input", corpusCase.input().toString()));
        }
        return flags;
    }

    /** The command name first, then the flags and the extra arguments; the sparse column file for an mtx input. */
    private static String[] with(List<String> flags, String command, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(flags);
        if (flags.stream().anyMatch(flag -> flag.endsWith(".mtx")) && !command.equals("perf-test")) {
            Path columns = Path.of(flags.get(flags.indexOf("--input") + 1)).resolveSibling("input.columns");
            args.addAll(List.of("--sparse-column-file", columns.toString()));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Response predict(CorpusCase corpusCase, TimpaniServer server) throws IOException {
        Path mtx = corpusCase.folder().resolve("input.mtx");
        if (!Files.exists(mtx)) {
            return server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));
        }
        Map<String, NamedFile> files = new LinkedHashMap<>();
        files.put("X", new NamedFile("input.mtx", Files.readAllBytes(mtx)));
        files.put("X.colnames", new NamedFile("input.columns",
                Files.readAllBytes(corpusCase.folder().resolve("input.columns"))));
        return server.http().postFiles("/predict/", files);
    }

    /** {@code /predict/}'s answer as columns: {@code Predictions}, or one per label in the case's order. */
    private static Map<String, double[]> predictions(JsonNode body, CorpusCase corpusCase) {
        JsonNode predictions = body.path("predictions");
        Map<String, double[]> columns = new LinkedHashMap<>();
        List<String> names = corpusCase.labels().isEmpty() ? List.of("Predictions") : corpusCase.labels();
        for (String name : names) {
            double[] values = new double[predictions.size()];
            for (int row = 0; row < values.length; row++) {
                JsonNode value = corpusCase.labels().isEmpty() ? predictions.get(row) : predictions.get(row).get(name);
                values[row] = value == null || value.isNull() ? Double.NaN : value.asDouble();
            }
            columns.put(name, values);
        }
        return columns;
    }

    /** score's output, read correctly rounded as JSON's numbers are (not as pandas reads a request). */
    private static Map<String, double[]> readCsv(byte[] csv) {
        // score writes infinities and NaN as pandas does ("inf", "-inf", an empty cell: a blank line in a one-column
        // file, which the table reader would skip).
        CorpusCase.Table table = CorpusCase.table(new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines()
                .map(line -> String.join(",", java.util.Arrays.stream(line.split(",", -1))
                        .map(cell -> switch (cell) {
                            case "inf" -> "Infinity";
                            case "-inf" -> "-Infinity";
                            case "" -> "NaN";
                            default -> cell;
                        })
                        .toList()))
                .toList());
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < table.names().size(); c++) {
            columns.put(table.names().get(c), table.columns()[c]);
        }
        return columns;
    }

    private static void assertMatchesExpected(Map<String, double[]> scored, CorpusCase corpusCase) {
        CorpusCase.Table expected = corpusCase.expected();
        double tolerance = KnownDeviations.tolerance(corpusCase.name(), corpusCase.tolerance());
        for (int c = 0; c < expected.names().size(); c++) {
            String name = expected.names().get(c);
            double[] got = scored.get(name);
            assertThat(got).as("%s column %s", corpusCase, name).hasSize(expected.rowCount());
            for (int row = 0; row < got.length; row++) {
                assertThat(Math.abs(got[row] - expected.columns()[c][row])).as("%s row %d %s: %s vs expected %s",
                        corpusCase, row + 1, name, got[row], expected.columns()[c][row]).isLessThanOrEqualTo(tolerance);
            }
        }
    }

    private static void assumeRuntime(CorpusCase corpusCase) {
        String name = corpusCase.name();
        if (name.startsWith("r_")) {
            RSupport.assumePackages("caret", "recipes", "glmnet", "randomForest", "rpart");
        } else if (name.startsWith("pytorch_")) {
            PythonSupport.assumeModules("pandas", "torch");
        } else if (Stream.of("sklearn_", "xgboost_pkl_", "python_", "unstructured_").anyMatch(name::startsWith)) {
            PythonSupport.assumeModules("pandas", "sklearn", "xgboost", "joblib", "scipy");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> unstructuredRequest(CorpusCase corpusCase) {
        return (Map<String, Object>) caseYaml(corpusCase).get("request");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> caseYaml(CorpusCase corpusCase) {
        try (var reader = Files.newBufferedReader(corpusCase.folder().resolve("case.yaml"))) {
            return (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }
}
