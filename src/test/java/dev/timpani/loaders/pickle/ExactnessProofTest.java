package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.Ubjson;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.loaders.pmml.PmmlLoader;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ProvenExactness;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.VersionGate;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential proof (issue 20): models trained by the libraries themselves ({@code bench/exactness/
 * generate.py}, many random models per family and library version, with rows at the split thresholds and one ulp
 * either side) are scored by the in-JVM engines with the version gate open, and compared with the library's own
 * {@code predict} / {@code predict_proba}, its refusals (NaN, unseen columns) included.
 * <ul>
 * <li>{@code ./mvnw -B verify} runs the committed subset ({@code src/test/resources/exactness}, the first model
 *     of every proven family and version): each must match, refusals included.</li>
 * <li>{@code bench/exactness/prove.sh} runs it on a full generated set ({@code -Dexactness.dir=DIR}) and writes
 *     {@code target/exactness/}: the summary per family and version, and the tables a family enters only with
 *     {@link ProvenExactness#MIN_MODELS} models and no difference beyond its tolerance. The script copies those
 *     tables to {@code src/main/resources/dev/timpani/loaders/{pickle,xgboost}/proven.tsv} and LightGBM's, keyed on
 *     the model-text format and the pickled class, to {@code pickle/proven-lightgbm.tsv}. A model of a family
 *     the shipped tables already prove must match here too, or the build fails.</li>
 * </ul>
 * Tolerances ({@link #tolerance}): the compiled tree evaluator and XGBoost4J reproduce the library's arithmetic, so
 * 0 (bit for bit), but for NumPy's {@code exp} in HistGradientBoosting's multiclass probabilities and log-link
 * predictions; JPMML-Evaluator 1e-12 relative.
 * LightGBM's compiled engine is held to 0 too, its {@code exp} being glibc's own ({@code trees.GlibcExp}); with Java's
 * {@code Math.exp} 41 of the 300 generated 4.7.0 models differed in the last bit.
 */
class ExactnessProofTest {

    static final Path COMMITTED = Path.of("src/test/resources/exactness");
    static final Path OUTPUT = Path.of("target/exactness");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Key, Tally> TALLIES = new TreeMap<>();
    /** Models the JVM served and matched, for choosing the committed subset. */
    private static final List<String> SERVED = new ArrayList<>();

    static Path source() {
        String dir = System.getProperty("exactness.dir", "");
        return dir.isBlank() ? COMMITTED : Path.of(dir);
    }

    static boolean fullProof() {
        return !source().equals(COMMITTED);
    }

    static Stream<GeneratedModel> models() throws IOException {
        try (Stream<Path> files = Files.walk(source(), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(path -> path.getFileName().toString().equals("case.json")).sorted()
                    .map(path -> GeneratedModel.of(path.getParent())).toList().stream();
        }
    }

    static PickleLoader openLoader() {
        List<ModelLoader> engines = List.of(new PmmlLoader(), new XGBoostLoader(VersionGate.open()));
        return new PickleLoader(new TimpaniProperties.Pickles(true), extension -> engines.stream()
                .filter(engine -> engine.extensions().contains(extension)).findFirst(), VersionGate.open());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void scoresAsTheLibraryDid(GeneratedModel generated) throws Exception {
        Outcome outcome = prove(generated);
        Key key = new Key(generated.library(), generated.version(), generated.family(), outcome.engine());
        synchronized (TALLIES) {
            TALLIES.computeIfAbsent(key, k -> new Tally()).add(generated, outcome);
            if (outcome.declined() == null && outcome.failure() == null) {
                SERVED.add(generated.folder().toString());
            }
        }
        boolean shippedAsProven = (generated.library().equals("xgboost") ? XGBoostLoader.PROVEN : PickleLoader.PROVEN)
                .proves(generated.library(), generated.version(), generated.family(), outcome.engine());
        if (shippedAsProven && outcome.declined() == null && !endsInAFamilyNotYetShipped(generated)) {
            // The shipped gate, not the open one, must take it too: every class inside is a proven family or a
            // known part (AllowList.PARTS) on this version.
            ModelLoader shipped = generated.isPickle() ? PickleExactnessTest.loader()
                    : new XGBoostLoader(VersionGate.of(XGBoostLoader.PROVEN, false));
            try (ScoringModel served = shipped.load(generated.corpusCase().artifact(),
                    LoaderTestSupport.contextFor(generated.corpusCase()))) {
                assertThat(served.description()).isNotEmpty();
            }
        }
        if (shippedAsProven) {
            // A decline is never a wrong number (the converter cannot read that model; the workers serve it).
            assertThat(outcome.failure()).as("%s (%s %s %s)", generated.folder(), generated.library(),
                    generated.version(), generated.family()).isNull();
        }
    }

    /**
     * Whether the pickle holds, besides its own family, an estimator the JVM compiles whose family the shipped tables
     * do not prove on this version yet (a pipeline ending in a newly compiled estimator, proven in this same run):
     * the shipped gate rightly declines it until prove.sh writes the tables. Any other class the shipped gate does
     * not know (a part missing from {@link AllowList#PARTS}) still fails the check below.
     */
    private static boolean endsInAFamilyNotYetShipped(GeneratedModel generated) {
        if (!generated.isPickle() || !generated.library().equals("sklearn")) {
            return false;
        }
        Unpickled pickle = Unpickled.read(generated.corpusCase().artifact());
        return AllowList.familiesAmong(PythonClasses.reachableFrom(pickle.root())).stream()
                .anyMatch(family -> !family.equals(generated.family()) && FinalEstimators.reads(family)
                        && !PickleLoader.PROVEN.proves("sklearn", generated.version(), family));
    }

    private static Outcome prove(GeneratedModel generated) throws Exception {
        CorpusCase corpusCase = generated.corpusCase();
        ModelLoader loader = generated.isPickle() ? openLoader() : new XGBoostLoader(VersionGate.open());
        ScoringModel model;
        try {
            model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
        } catch (ModelDeclinedException | ModelLoadException refused) {
            // Declined (the workers serve it) or refused at load with its reason: never a wrong number.
            return new Outcome("declined", 0, 0.0, null, refused.getMessage());
        }
        try (model) {
            String engine = engineOf(model.description());
            double tolerance = tolerance(engine, generated.family());
            double maxDiff;
            try {
                maxDiff = perValue(engine)
                        ? PredictionComparison.assertMatchesCase(corpusCase, 0.0, tolerance,
                                model.predict(corpusCase.inputFrame()))
                        : PredictionComparison.assertMatchesCase(corpusCase,
                                relative(engine) ? tolerance * generated.scale() : tolerance,
                                model.predict(corpusCase.inputFrame()));
            } catch (AssertionError | RuntimeException wrong) {
                return new Outcome(engine, 0, Double.NaN, "predictions: "
                        + String.valueOf(wrong.getMessage()).strip().replaceAll("\\s+", " "), null);
            }
            int rows = corpusCase.expected().rowCount();
            String refusal = checkRefusals(generated, model);
            return new Outcome(engine, rows, maxDiff, refusal, null);
        }
    }

    /**
     * Where the library refused (NaN or infinite cells, values beyond float32, unseen categories: every
     * {@code refused_*.csv}), the JVM must refuse as well; a scikit-learn pickle refuses a column it never saw and
     * another column order with the library's own text, an XGBoost pickle refuses them too.
     */
    private static String checkRefusals(GeneratedModel generated, ScoringModel model) throws IOException {
        if (!generated.isPickle()) {
            // A native XGBoost file has no DRUM path to match; Timpani scores it as XGBoost's inplace_predict does,
            // where an infinity is a value beyond every split (the generator's DMatrix refuses it).
            return null;
        }
        try (Stream<Path> files = Files.list(generated.folder())) {
            for (Path refused : files.filter(f -> f.getFileName().toString().matches("refused_.*\\.csv")).sorted()
                    .toList()) {
                if (answers(model, refused)) {
                    String reason = refused.getFileName().toString().replace(".csv", ".txt");
                    return "answered " + refused.getFileName() + ", which the library refuses ("
                            + firstLine(generated.text(reason)) + ")";
                }
            }
        }
        for (String probe : List.of("extra_column", "reordered_columns")) {
            Path rows = generated.folder().resolve(probe + ".csv");
            Path answers = generated.folder().resolve(probe + "_expected.csv");
            if (generated.library().equals("lightgbm") && Files.exists(rows) && Files.exists(answers)) {
                // LightGBM answers another column order by position: the JVM must give the library's numbers.
                String wrong = sameAnswers(model, rows, answers);
                if (wrong != null) {
                    return probe + ": " + wrong;
                }
            }
            if (!Files.exists(rows) || !Files.exists(generated.folder().resolve(probe + ".txt"))) {
                continue;
            }
            try {
                model.predict(CorpusCase.readCsv(rows));
                return "answered " + probe + ".csv, which the library refuses";
            } catch (RuntimeException refused) {
                String expected = generated.text(probe + ".txt");
                String libraryText = expected.substring(expected.indexOf(':') + 1).strip();
                // LightGBM's own refusal (a DataFrame, as DRUM passes one) must be word for word; an array-fitted
                // wrapper given an ndarray by the generator refuses with scikit-learn's check instead, which DRUM never
                // reaches.
                boolean wordForWord = generated.library().equals("sklearn")
                        || generated.library().equals("lightgbm") && expected.startsWith("LightGBMError:");
                if (wordForWord && !refused.getMessage().strip().equals(libraryText)) {
                    return "refused " + probe + " with '" + refused.getMessage() + "', the library with '"
                            + libraryText + "'";
                }
            }
        }
        return null;
    }

    /** The model's answers to a probe, bit for bit against the library's (columns in the same order). */
    private static String sameAnswers(ScoringModel model, Path rows, Path answers) {
        CorpusCase.Table expected = CorpusCase.table(answers);
        double[][] got;
        try {
            got = model.predict(CorpusCase.readCsv(rows)).columns();
        } catch (RuntimeException refused) {
            return "refused (" + refused.getMessage() + "), which the library answers";
        }
        if (got.length != expected.columns().length) {
            return got.length + " columns, the library " + expected.columns().length;
        }
        for (int column = 0; column < got.length; column++) {
            for (int row = 0; row < expected.rowCount(); row++) {
                double want = expected.columns()[column][row];
                if (Double.doubleToLongBits(got[column][row]) != Double.doubleToLongBits(want)) {
                    return "row " + (row + 1) + " column " + column + ": " + got[column][row] + ", the library "
                            + want;
                }
            }
        }
        return null;
    }

    private static boolean answers(ScoringModel model, Path rows) {
        try {
            model.predict(CorpusCase.readCsv(rows));
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /**
     * The family's bound, and why it is not 0:
     * <ul>
     * <li>JPMML-Evaluator and the compiled linear evaluator ({@link LinearScores}) sum a linear model's terms in
     *     their own order, not BLAS's (OpenBLAS blocks and FMAs by batch: scikit-learn's own answer for a row changes
     *     with the batch it is in): 1e-12 relative to the largest expected magnitude;</li>
     * <li>the compiled float64 evaluators of other families (naive Bayes, discriminant analysis, neural networks,
     *     support vectors: {@link FinalEstimator#evaluator}) likewise, for their matrix products go through BLAS and
     *     their {@code exp} / {@code log} / {@code tanh} through NumPy's own vectorised routines: 1e-12 relative;</li>
     * <li>engine {@code compiled-numpy-exp} ({@link CompiledTrees#SOFTMAX_EVALUATOR}): a multiclass
     *     HistGradientBoostingClassifier's or GradientBoostingClassifier's softmax calls {@code np.exp}, NumPy's own
     *     vectorised routine on AVX-512 CPUs, which {@code Math.exp} differs from in the last bit on some arguments
     *     (as do the {@code np.log} / {@code np.exp} of GradientBoosting's multinomial init): 1e-15 absolute on
     *     values at most 1 (a few ulps), never another class. Binary ones, through scipy's {@code expit} and
     *     {@code trees.GlibcExp}, match bit for bit (the proof measured 0 on them); 1.9.1's and 1.6.1's multiclass
     *     GradientBoostingClassifiers differed by at most 2.2e-16;</li>
     * <li>a HistGradientBoostingRegressor with a log link (Poisson, Gamma: the {@code compiled-exp} engine) predicts
     *     {@code np.exp} of its raw sum (the sum bit for bit). On this machine's CPU (AVX512_SKX) NumPy calls
     *     Intel's SVML ({@code __svml_exp8} in 1.24.2, {@code __svml_exp8_ha} in 2.4.6; bench/exactness/README.md);
     *     the JVM calls glibc's {@code exp} ({@code trees.GlibcExp}), which NumPy itself calls on CPUs below
     *     AVX2 / AVX-512. Measured on 2,000,000 arguments in [-700, 700]: NumPy 1.24.2 differs from glibc by up to 2 ulps
     *     (on 23% of them), 2.4.6 by 1 ulp (on 5%). An {@code exp} of an unbounded value has no absolute bound, so
     *     4.5e-16 relative to each value: 2 ulps wherever it falls in its binade (2 * 2^-52 = 4.44e-16). The proof
     *     (bench/exactness, 1.2.1: 135 models of 600, 1.6.1 and 1.9.1: 163 of 400) found at most 2.22e-16;</li>
     * <li>everything else, bit for bit.</li>
     * </ul>
     */
    static double tolerance(String engine, String family) {
        if (relative(engine)) {
            return 1e-12;
        }
        if (perValue(engine)) {
            return 4.5e-16;
        }
        return engine.equals("compiled-numpy-exp") ? 1e-15 : 0.0;
    }

    /** Engines whose bound is relative to each expected value, not to the case's largest. */
    static boolean perValue(String engine) {
        return engine.equals(SkLearnHistGradientBoosting.LOG_LINK_ENGINE);
    }

    /** Engines whose bound is relative to the case's largest expected magnitude ({@link GeneratedModel#scale}). */
    static boolean relative(String engine) {
        return engine.equals("jpmml") || engine.equals("linear") || engine.equals("float64");
    }

    static String engineOf(String description) {
        return ProvenEngine.of(description);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    @AfterAll
    static void writeSummaryAndTables() throws IOException {
        Files.createDirectories(OUTPUT);
        StringBuilder summary = new StringBuilder("| library | version | family | engine | models | rows | largest "
                + "difference | declined | failed | first failure or decline |\n|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
        StringBuilder sklearn = new StringBuilder(tableHeader());
        StringBuilder xgboost = new StringBuilder(tableHeader());
        StringBuilder lightgbm = new StringBuilder(tableHeader());
        // A family with one wrong model on one engine is proven on none: the gate of a one-engine loader (pickles)
        // does not ask which engine will score the model.
        Set<List<String>> failedFamilies = new HashSet<>();
        TALLIES.forEach((key, tally) -> {
            if (tally.failed > 0) {
                failedFamilies.add(List.of(key.library(), key.version(), key.family()));
            }
        });
        TALLIES.forEach((key, tally) -> {
            summary.append(String.format("| %s | %s | %s | %s | %d | %d | %.3g | %d | %d | %s |%n", key.library(),
                    key.version(), key.family(), key.engine(), tally.models, tally.rows, tally.maxDiff, tally.declined,
                    tally.failed, tally.firstProblem == null ? "" : tally.firstProblem.replace('|', '/')));
            // A decline (the converter cannot read this model) sends it to the workers, never to a wrong number:
            // only the models the engine took count, and every one of them must match.
            if (tally.failed == 0 && tally.models >= ProvenExactness.MIN_MODELS
                    && !failedFamilies.contains(List.of(key.library(), key.version(), key.family()))) {
                String row = String.join("\t", key.library(), key.version(), key.family(), key.engine(),
                        Integer.toString(tally.models), Long.toString(tally.rows), Double.toString(tally.maxDiff),
                        Double.toString(tolerance(key.engine(), key.family()))) + "\n";
                (key.library().equals("sklearn") ? sklearn : key.library().equals("lightgbm") ? lightgbm : xgboost)
                        .append(row);
            }
        });
        System.out.println("EXACTNESS PROOF (" + source() + "):\n" + summary);
        Files.writeString(OUTPUT.resolve("summary.md"), summary);
        if (fullProof()) {
            Files.writeString(OUTPUT.resolve("proven-sklearn.tsv"), sklearn);
            Files.writeString(OUTPUT.resolve("proven-xgboost.tsv"), xgboost);
            Files.writeString(OUTPUT.resolve("proven-lightgbm.tsv"), lightgbm);
            Files.write(OUTPUT.resolve("served.txt"), SERVED.stream().sorted().toList());
        }
    }

    private static String tableHeader() {
        return "# Written by ExactnessProofTest (bench/exactness/prove.sh) from models the libraries generated; "
                + "never by hand.\n# library\tversion\tfamily\tengine\tmodels\trows\tmax_abs_diff\ttolerance\n";
    }

    record Key(String library, String version, String family, String engine) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return toString().compareTo(other.toString());
        }
    }

    record Outcome(String engine, int rows, double maxDiff, String failure, String declined) {
    }

    static final class Tally {
        int models;
        long rows;
        double maxDiff;
        int declined;
        int failed;
        String firstProblem;

        void add(GeneratedModel generated, Outcome outcome) {
            if (outcome.declined() != null) {
                declined++;
                firstProblem = firstProblem == null ? generated.folder().getFileName() + ": " + outcome.declined()
                        : firstProblem;
                return;
            }
            models++;
            rows += outcome.rows();
            if (outcome.failure() != null) {
                failed++;
                firstProblem = firstProblem == null ? generated.folder() + ": " + outcome.failure() : firstProblem;
            } else {
                maxDiff = Math.max(maxDiff, outcome.maxDiff());
            }
        }
    }

    /** One generated model folder: {@code case.json}, {@code model/}, {@code input.csv}, {@code expected.csv}. */
    record GeneratedModel(Path folder, JsonNode meta) {

        static GeneratedModel of(Path folder) {
            try {
                return new GeneratedModel(folder, JSON.readTree(folder.resolve("case.json").toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String library() {
            return meta.path("library").asText();
        }

        /**
         * As the loader reads it: a legacy binary XGBoost file records major.minor only; LightGBM's model text
         * records its format alone, {@code v4} for every 4.x release (LightGbmPickle says why the gate keys on it).
         */
        String version() {
            String version = meta.path("library_version").asText();
            if (library().equals("lightgbm")) {
                return "v" + version.substring(0, version.indexOf('.'));
            }
            String artifact = corpusCase().artifact().getFileName().toString();
            boolean legacyBinary = library().equals("xgboost") && (artifact.endsWith(".model")
                    || artifact.endsWith(".xgb") || artifact.endsWith(".bst"));
            return legacyBinary ? version.substring(0, version.lastIndexOf('.')) : version;
        }

        /** The estimator's class for scikit-learn; the objective for XGBoost, which its proof is keyed on. */
        String family() {
            if (library().equals("xgboost")) {
                return objective();
            }
            return meta.path("estimator").asText();
        }

        boolean isPickle() {
            String name = corpusCase().artifact().getFileName().toString();
            return name.endsWith(".pkl") || name.endsWith(".joblib");
        }

        /** Largest magnitude among the expected values (at least 1): what a relative tolerance scales by. */
        double scale() {
            double largest = 1.0;
            for (double[] column : corpusCase().expected().columns()) {
                for (double value : column) {
                    if (Double.isFinite(value)) { // an infinity must match exactly, not widen the bound
                        largest = Math.max(largest, Math.abs(value));
                    }
                }
            }
            return largest;
        }

        CorpusCase corpusCase() {
            List<String> labels = new ArrayList<>();
            meta.path("class_labels").forEach(label -> labels.add(label.asText()));
            if (CorpusCase.table(folder.resolve("expected.csv")).names().equals(List.of("Predictions"))) {
                labels.clear(); // a booster's own output, P(positive) of a binary one: compared as it is
            }
            return new CorpusCase(folder.getFileName().toString(), folder, meta.path("target_type").asText(), labels,
                    0.0);
        }

        String text(String file) {
            try {
                return Files.readString(folder.resolve(file)).strip();
            } catch (IOException e) {
                return "";
            }
        }

        private String objective() {
            JsonNode param = meta.path("params").path("objective");
            if (param.isTextual()) {
                return param.asText();
            }
            Path artifact = corpusCase().artifact();
            try {
                byte[] bytes = Files.readAllBytes(artifact);
                if (artifact.toString().endsWith(".json")) {
                    return JSON.readTree(bytes).path("learner").path("objective").path("name").asText();
                }
                if (artifact.toString().endsWith(".ubj") && Ubjson.parse(bytes) instanceof Map<?, ?> root
                        && root.get("learner") instanceof Map<?, ?> learner
                        && learner.get("objective") instanceof Map<?, ?> objective) {
                    return String.valueOf(objective.get("name"));
                }
            } catch (IOException | RuntimeException unreadable) {
                return "unknown";
            }
            return Optional.ofNullable(meta.path("objective").asText(null)).orElse("unknown");
        }

        @Override
        public String toString() {
            return source().relativize(folder).toString();
        }
    }
}
