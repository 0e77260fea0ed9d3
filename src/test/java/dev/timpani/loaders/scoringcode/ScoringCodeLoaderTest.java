package dev.timpani.loaders.scoringcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.PredictionContract;
import dev.timpani.model.Predictions;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.testing.ScoringCodeJars;
import dev.timpani.testing.ScoringCodeJars.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringCodeLoaderTest {

    private static final double EPS = 1e-12;

    private final ScoringCodeLoader loader = new ScoringCodeLoader();

    @TempDir
    Path dir;

    @Test
    void regressionScoresTheModelsFormula() {
        Frame frame = frame(List.of("rooms", "age", "color"),
                numbers(3, 1.5, 2), numbers(10, 40, 0), text("red", "green", "blue"));

        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            RawPredictions predictions = model.predict(frame);

            assertThat(model.predictor()).isEqualTo("ScoringCodePredictor");
            assertThat(predictions.columnCount()).isEqualTo(1);
            assertThat(predictions.columnLabels()).isEmpty();
            assertThat(predictions.columns()[0]).containsExactly(new double[] {
                    price(3, 10, 1), price(1.5, 40, 0), price(2, 0, -1)}, within(EPS));
        }
    }

    @Test
    void aMissingColumnOrValueIsMissingForTheModel() {
        // No "age" column at all, and a missing rooms and colour value: the model imputes 0 / no colour effect.
        Frame frame = frame(List.of("color", "rooms", "extra"),
                text("red", null), numbers(3, Double.NaN), text("ignored", "ignored"));

        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            assertThat(model.predict(frame).columns()[0])
                    .containsExactly(new double[] {price(3, 0, 1), price(0, 0, 0)}, within(EPS));
        }
    }

    @Test
    void numbersThatStayedTextAreStillNumbers() {
        // "inf" / "nan" keep a CSV column as text; they are numbers all the same.
        Frame frame = frame(List.of("rooms", "age", "color"), text("2", "nan"), text("inf", "4"), text("red", "red"));

        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            double[] predictions = model.predict(frame).columns()[0];
            assertThat(predictions[0]).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(predictions[1]).isCloseTo(price(0, 4, 1), within(EPS));
        }
    }

    @Test
    void textInANumericFeatureIsBadInputNamingColumnRowAndValue() {
        Frame frame = frame(List.of("rooms", "age", "color"), text("3", "abc"), numbers(1, 2), text("red", "blue"));

        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("column 'rooms' is not a number in row 2 (\"abc\")");
        }
    }

    @Test
    void aRequestWithNoneOfTheFeaturesIsBadInput() {
        Frame frame = frame(List.of("a", "b"), numbers(1), numbers(2));

        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("None of the model's 3 features is a column of the request.");
        }
    }

    @Test
    void emptyRequestGivesEmptyColumns() {
        Frame frame = frame(List.of("rooms"), numbers());

        try (ScoringModel model = load(Model.MULTICLASS, TargetType.MULTICLASS,
                Optional.of(new ClassLabels(List.of("small", "medium", "large"))))) {
            RawPredictions predictions = model.predict(frame);
            assertThat(predictions.columnCount()).isEqualTo(3);
            assertThat(predictions.rowCount()).isZero();
        }
    }

    @Test
    void binaryLabelsFromTheCommandLineTakeTheModelsLabelsByPosition() {
        // The model answers "yes" (its label 0, the positive class) and "no"; the command line calls them
        // --positive-class-label Churn --negative-class-label Stay. DRUM's ScoringCode.java maps label 0 to the
        // positive label and label 1 to the negative one.
        ClassLabels requested = ClassLabels.binary("Stay", "Churn");
        Frame frame = frame(List.of("rooms", "age", "color"), numbers(1, 4), numbers(2, 0), text("red", "blue"));

        try (ScoringModel model = load(Model.BINARY, TargetType.BINARY, Optional.of(requested))) {
            RawPredictions raw = model.predict(frame);
            assertThat(raw.columnLabels()).contains(List.of("Churn", "Stay"));

            Predictions.Probabilities checked = (Predictions.Probabilities)
                    new PredictionContract(TargetType.BINARY, Optional.of(requested)).check(raw, 2);
            assertThat(checked.labels().labels()).containsExactly("Stay", "Churn");
            assertThat(checked.byLabel()[1]).containsExactly(new double[] {pYes(1, 2, true), pYes(4, 0, false)},
                    within(EPS));
            assertThat(checked.byLabel()[0]).containsExactly(new double[] {1 - pYes(1, 2, true), 1 - pYes(4, 0, false)},
                    within(EPS));
        }
    }

    @Test
    void binaryLabelsThatMatchTheModelsKeepTheirProbabilities() {
        ClassLabels requested = ClassLabels.binary("no", "yes");
        Frame frame = frame(List.of("rooms", "age", "color"), numbers(2), numbers(3), text("red"));

        try (ScoringModel model = load(Model.BINARY, TargetType.BINARY, Optional.of(requested))) {
            RawPredictions raw = model.predict(frame);

            assertThat(raw.columnLabels()).contains(List.of("yes", "no"));
            assertThat(raw.columns()[0][0]).isCloseTo(pYes(2, 3, true), within(EPS));
        }
    }

    @Test
    void binaryRemappingIsPositionalEvenWhenTheNamesAreSwapped() {
        // DRUM does not compare names: the model's label 0 ("yes") is reported as the positive label given,
        // here "no". Kept on purpose, so a jar answers as it does under DRUM.
        ClassLabels requested = ClassLabels.binary("yes", "no");
        Frame frame = frame(List.of("rooms", "age", "color"), numbers(2), numbers(3), text("red"));

        try (ScoringModel model = load(Model.BINARY, TargetType.BINARY, Optional.of(requested))) {
            RawPredictions raw = model.predict(frame);

            assertThat(raw.columnLabels()).contains(List.of("no", "yes"));
            assertThat(raw.columns()[0][0]).isCloseTo(pYes(2, 3, true), within(EPS));
        }
    }

    @Test
    void multiclassKeepsTheModelsLabelsForTheContractToOrder() {
        ClassLabels requested = new ClassLabels(List.of("large", "small", "medium"));
        Frame frame = frame(List.of("rooms", "color"), numbers(1, 3), text("red", null));

        try (ScoringModel model = load(Model.MULTICLASS, TargetType.MULTICLASS, Optional.of(requested))) {
            RawPredictions raw = model.predict(frame);
            assertThat(raw.columnLabels()).contains(List.of("small", "medium", "large"));

            Predictions.Probabilities checked = (Predictions.Probabilities)
                    new PredictionContract(TargetType.MULTICLASS, Optional.of(requested)).check(raw, 2);
            double[] row1 = softmax(-1, 0, 1 - 2 + 1);
            double[] row2 = softmax(-3, 0, 3 - 2);
            assertThat(checked.byLabel()[0]).containsExactly(new double[] {row1[2], row2[2]}, within(EPS));
            assertThat(checked.byLabel()[1]).containsExactly(new double[] {row1[0], row2[0]}, within(EPS));
            assertThat(checked.byLabel()[2]).containsExactly(new double[] {row1[1], row2[1]}, within(EPS));
        }
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (ScoringModel model = load(Model.REGRESSION, TargetType.REGRESSION, Optional.empty())) {
            List<Future<double[]>> answers = new ArrayList<>();
            for (int request = 0; request < 60; request++) {
                double rooms = request;
                answers.add(pool.submit(() -> model.predict(frame(List.of("rooms", "age", "color"),
                        numbers(rooms, rooms + 1), numbers(1, 2), text("red", "blue"))).columns()[0]));
            }
            for (int request = 0; request < answers.size(); request++) {
                assertThat(answers.get(request).get()).containsExactly(
                        new double[] {price(request, 1, 1), price(request + 1, 2, -1)}, within(EPS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void warmUpScoresAnAllMissingRowQuietly() {
        try (ScoringModel model = load(Model.BINARY, TargetType.BINARY, Optional.of(ClassLabels.binary("no", "yes")))) {
            model.warmUp();
        }
    }

    @Test
    void aCorruptJarIsALoadErrorNamingTheFile() throws IOException {
        Path artifact = Files.writeString(dir.resolve("model.jar"), "this is not a zip file");

        assertThatThrownBy(() -> loader.load(artifact, context(TargetType.REGRESSION, Optional.empty())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("model.jar is not a DataRobot scoring-code jar: cannot read it as a jar (");
    }

    @Test
    void aJarWithoutAModelIsALoadErrorSayingSo() throws IOException {
        Path artifact = dir.resolve("library.jar");
        try (OutputStream file = Files.newOutputStream(artifact); JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("no model here".getBytes());
            jar.closeEntry();
        }

        assertThatThrownBy(() -> loader.load(artifact, context(TargetType.REGRESSION, Optional.empty())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("library.jar is not a DataRobot scoring-code jar: "
                        + "Could not find any DataRobot models in the classpath.");
    }

    @Test
    void requestColumnsMatchFeaturesAfterTheApisSanitizing() {
        FeatureColumns columns = new FeatureColumns(List.of("loan_amount", "rate", "term"));
        Frame frame = frame(List.of("term", "loan-amount", " rate "), numbers(1), numbers(2), numbers(3));

        assertThat(columns.in(frame)).containsExactly(1, 2, 0);
    }

    private ScoringModel load(Model model, TargetType targetType, Optional<ClassLabels> labels) {
        Path jar = ScoringCodeJars.write(model, dir, "model.jar");
        return loader.load(jar, context(targetType, labels));
    }

    private LoadContext context(TargetType targetType, Optional<ClassLabels> labels) {
        return new LoadContext(dir, targetType, labels, 1);
    }

    /** The regression model's formula (src/test/scoringcode/.../drtestregression/DRModel.java). */
    private static double price(double rooms, double age, double colorEffect) {
        return 1.5 + 2 * rooms - 0.5 * age + colorEffect;
    }

    /** The binary model's formula (drtestbinary/DRModel.java). */
    private static double pYes(double rooms, double age, boolean red) {
        return 1 / (1 + Math.exp(-(-1 + 0.8 * rooms + 0.3 * age + (red ? 0.5 : 0))));
    }

    private static double[] softmax(double... scores) {
        double total = 0;
        for (double score : scores) {
            total += Math.exp(score);
        }
        double[] probabilities = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = Math.exp(scores[i]) / total;
        }
        return probabilities;
    }

    private static Frame frame(List<String> names, Column... columns) {
        return new Frame(names, List.of(columns), columns[0].size());
    }

    private static NumericColumn numbers(double... values) {
        return new NumericColumn(values);
    }

    private static TextColumn text(String... values) {
        return new TextColumn(values);
    }
}
