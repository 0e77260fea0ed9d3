package dev.timpani.loaders.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.VersionGate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compiled engine against XGBoost4J itself (the version on the class path): boosters of every compiled
 * objective, saved as JSON and UBJSON, scored by both on random rows with missing cells, infinities and rows sitting
 * on split conditions, bit for bit; and what the engine leaves to XGBoost4J, saying why.
 */
class CompiledBoosterTest {

    private static final int FEATURES = 4;
    private final XGBoostLoader loader = new XGBoostLoader(VersionGate.open());

    @ParameterizedTest(name = "{0} {1} base_score {2}")
    @CsvSource({"reg:squarederror, json, ", "reg:squarederror, ubj, 2.5", "reg:logistic, json, 0.3",
            "binary:logistic, ubj, ", "binary:logistic, json, 0.8", "binary:logitraw, json, ",
            "multi:softprob, ubj, ", "multi:softprob, json, 0.2", "multi:softmax, ubj, "})
    void scoresAsXGBoost4JDoes(String objective, String format, Double baseScore, @TempDir Path dir)
            throws Exception {
        SplittableRandom random = new SplittableRandom(objective.hashCode() + format.hashCode());
        Map<String, Object> params = new HashMap<>(Map.of("objective", objective, "max_depth", 5, "eta", 0.3,
                "nthread", 1, "seed", 7));
        if (objective.startsWith("multi:")) {
            params.put("num_class", 3);
        }
        if (baseScore != null) {
            params.put("base_score", baseScore);
        }
        Booster booster = train(random, params, objective.startsWith("multi:") ? 3 : 2);
        Path artifact = dir.resolve("model." + format);
        Files.write(artifact, booster.toByteArray(format));
        float[] rows = rows(random, booster, 300);
        int count = rows.length / FEATURES;
        // In-place prediction, as the XGBoost4J path scores: it takes infinities, where a DMatrix refuses them.
        float[][] expected = booster.inplace_predict(rows, count, FEATURES, Float.NaN);

        try (ScoringModel model = loader.load(artifact, context(dir))) {
            assertThat(model.description()).isEqualTo("XGBoostPredictor (compiled tree engine)");
            double[][] predicted = model.predict(frame(rows, count)).columns();
            assertThat(predicted.length).isEqualTo(expected[0].length);
            for (int row = 0; row < count; row++) {
                for (int output = 0; output < predicted.length; output++) {
                    float got = (float) predicted[output][row];
                    assertThat(Float.floatToIntBits(got)).as("row %d output %d: %s, XGBoost4J %s", row, output,
                            got, expected[row][output]).isEqualTo(Float.floatToIntBits(expected[row][output]));
                }
            }
        }
        booster.dispose();
    }

    @Test
    void leavesTreeWeightsOtherThanOneToXGBoost4JAndSaysWhy(@TempDir Path dir) throws Exception {
        Booster booster = train(new SplittableRandom(5), new HashMap<>(Map.of("objective", "reg:squarederror",
                "booster", "dart", "rate_drop", 0.3, "nthread", 1, "seed", 7)), 2);
        // XGBoost 3.x trains dart as a gbtree with a weight per tree (weight_drop), here some other than 1.
        Path artifact = Files.write(dir.resolve("model.json"), booster.toByteArray("json"));

        try (ScoringModel model = loader.load(artifact, context(dir))) {
            assertThat(model.description()).isEqualTo("XGBoostPredictor (XGBoost4J: the tree engine does not "
                    + "reproduce tree weights other than 1 (weight_drop))");
        }
        booster.dispose();
    }

    @Test
    void leavesOtherBoostersToXGBoost4J() throws Exception {
        String json = new String(Files.readAllBytes(dev.timpani.testing.Corpus.get("xgboost_native_regression")
                .artifact()), StandardCharsets.UTF_8);
        String linear = json.replace("\"name\":\"gbtree\"", "\"name\":\"gblinear\"");
        assertThat(linear).isNotEqualTo(json);

        assertThatThrownBy(() -> CompiledBooster.compile(linear.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CompiledBooster.NotCompiled.class)
                .hasMessage("the tree engine does not reproduce the gblinear booster");
    }

    @Test
    void leavesCategoricalSplitsToXGBoost4J(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        int count = 200;
        float[] data = new float[count * FEATURES];
        float[] labels = new float[count];
        for (int r = 0; r < count; r++) {
            for (int f = 0; f < FEATURES; f++) {
                data[r * FEATURES + f] = random.nextInt(5);
            }
            labels[r] = data[r * FEATURES] == 2 || data[r * FEATURES] == 4 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, count, FEATURES, Float.NaN);
        train.setLabel(labels);
        train.setFeatureTypes(new String[] {"c", "q", "q", "q"});
        Booster booster = XGBoost.train(train, Map.of("objective", "binary:logistic", "tree_method", "hist",
                "nthread", 1), 5, Map.of(), null, null);
        Path artifact = Files.write(dir.resolve("model.json"), booster.toByteArray("json"));

        try (ScoringModel model = loader.load(artifact, context(dir))) {
            assertThat(model.description()).startsWith("XGBoostPredictor (XGBoost4J: ").contains("categorical");
        }
        booster.dispose();
    }

    @Test
    void leavesARightChildOtherThanLeftPlusOneToXGBoost4J() throws Exception {
        String json = new String(Files.readAllBytes(dev.timpani.testing.Corpus.get("xgboost_native_regression")
                .artifact()), StandardCharsets.UTF_8);
        // Swap the root's children: XGBoost's predictor would still take left + 1 as the right child.
        String swapped = json.replaceFirst("\"left_children\":\\[1,", "\"left_children\":[2,")
                .replaceFirst("\"right_children\":\\[2,", "\"right_children\":[1,");
        assertThat(swapped).isNotEqualTo(json);

        assertThatThrownBy(() -> CompiledBooster.compile(swapped.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CompiledBooster.NotCompiled.class)
                .hasMessageContaining("takes the right child to be the left plus one");
    }

    @Test
    void readsEveryFormOfBaseScore() throws Exception {
        int[] v17 = {1, 7, 4};
        int[] v34 = {3, 4, 0};
        assertThat(CompiledBooster.baseMargin("5E-1", 1, false, v17)).containsExactly(0.5f);
        assertThat(CompiledBooster.baseMargin("[5E-1]", 3, false, v34)).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(CompiledBooster.baseMargin("[1E-1,2E-1,7E-1]", 3, false, v34)).containsExactly(0.1f, 0.2f, 0.7f);
        // -logf(1.0f / 0.5f - 1.0f) is -0.0f, as in XGBoost.
        assertThat(Float.floatToIntBits(CompiledBooster.baseMargin("5E-1", 1, true, v17)[0]))
                .isEqualTo(Float.floatToIntBits(-0.0f));
        // From 3.2 the logit clamps base_score into [1e-6, 1 - 1e-6]; before, XGBoost refuses it.
        assertThat(CompiledBooster.baseMargin("[0E0]", 1, true, v34)[0]).isFinite().isNegative();
        assertThatThrownBy(() -> CompiledBooster.baseMargin("0E0", 1, true, v17))
                .isInstanceOf(CompiledBooster.NotCompiled.class);
        assertThatThrownBy(() -> CompiledBooster.baseMargin("[1E-1,2E-1]", 3, false, v34))
                .isInstanceOf(CompiledBooster.NotCompiled.class);
    }

    private static Booster train(SplittableRandom random, Map<String, Object> params, int classes) throws Exception {
        int count = 300;
        float[] data = new float[count * FEATURES];
        float[] labels = new float[count];
        for (int r = 0; r < count; r++) {
            double signal = 0;
            for (int f = 0; f < FEATURES; f++) {
                float value = random.nextDouble() < 0.1 ? Float.NaN : (float) (random.nextGaussian() * (f + 1));
                data[r * FEATURES + f] = value;
                signal += Float.isNaN(value) ? 0 : value * (f % 2 == 0 ? 1 : -1);
            }
            signal += random.nextGaussian();
            labels[r] = classes == 3 ? (signal < -1 ? 0 : signal < 1 ? 1 : 2)
                    : params.get("objective").equals("reg:squarederror") ? (float) signal
                    : params.get("objective").equals("reg:logistic") ? (float) (1 / (1 + Math.exp(-signal)))
                    : signal > 0 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, count, FEATURES, Float.NaN);
        train.setLabel(labels);
        return XGBoost.train(train, params, 20, Map.of(), null, null);
    }

    /** Random rows, missing cells, infinities, and every split condition of the model with its float neighbours. */
    private static float[] rows(SplittableRandom random, Booster booster, int randomRows) throws Exception {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < randomRows; r++) {
            float[] row = new float[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                double u = random.nextDouble();
                row[f] = u < 0.1 ? Float.NaN : u < 0.12 ? Float.POSITIVE_INFINITY : u < 0.14
                        ? Float.NEGATIVE_INFINITY : (float) (random.nextGaussian() * (f + 1));
            }
            rows.add(row);
        }
        String json = new String(booster.toByteArray("json"), StandardCharsets.UTF_8);
        java.util.regex.Matcher indices = java.util.regex.Pattern.compile("\"split_indices\":\\[([^\\]]*)]")
                .matcher(json);
        java.util.regex.Matcher conditions = java.util.regex.Pattern.compile("\"split_conditions\":\\[([^\\]]*)]")
                .matcher(json);
        while (indices.find() && conditions.find()) {
            String[] features = indices.group(1).split(",");
            String[] thresholds = conditions.group(1).split(",");
            for (int node = 0; node < features.length; node++) {
                float threshold = Float.parseFloat(thresholds[node]);
                for (float value : new float[] {threshold, Math.nextUp(threshold), Math.nextDown(threshold)}) {
                    float[] row = rows.get(random.nextInt(randomRows)).clone();
                    row[Integer.parseInt(features[node].strip())] = value;
                    rows.add(row);
                }
            }
        }
        float[] matrix = new float[rows.size() * FEATURES];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, matrix, r * FEATURES, FEATURES);
        }
        return matrix;
    }

    private static Frame frame(float[] matrix, int count) {
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            names.add("f" + f);
            double[] values = new double[count];
            for (int r = 0; r < count; r++) {
                values[r] = matrix[r * FEATURES + f];
            }
            columns.add(new NumericColumn(values));
        }
        return new Frame(names, columns, count);
    }

    private static LoadContext context(Path dir) {
        return new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);
    }
}
