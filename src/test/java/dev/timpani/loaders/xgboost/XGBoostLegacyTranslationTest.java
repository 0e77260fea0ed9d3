package dev.timpani.loaders.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link LegacyBinaryModel} carries over into XGBoost 3, and what it refuses. */
class XGBoostLegacyTranslationTest {

    private static final Path REFUSED = XGBoostLegacyExactnessTest.CASES.resolve("refused");
    /** Byte offsets in a file with the "binf" header: LearnerModelParamLegacy follows it. */
    private static final int MAJOR_VERSION = 4 + 20;
    private static final int MINOR_VERSION = 4 + 24;

    private final XGBoostLoader loader = new XGBoostLoader(dev.timpani.model.VersionGate.open());

    @Test
    void corpusLegacyCaseScoresLikeXGBoost174BitForBit() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression_legacy_binary");
        double[] expected = corpusCase.expected().columns()[0];

        try (ScoringModel model = loader.load(corpusCase.artifact(), contextIn(corpusCase.modelDir()))) {
            double[] got = model.predict(corpusCase.inputFrame()).columns()[0];

            assertThat(got).hasSize(expected.length);
            for (int row = 0; row < got.length; row++) {
                // expected.csv holds XGBoost 1.7.4's float32 predictions, written exactly.
                assertThat(Float.floatToIntBits((float) got[row])).as("row %d", row + 1)
                        .isEqualTo(Float.floatToIntBits((float) expected[row]));
            }
        }
    }

    /**
     * Every float of the file reaches XGBoost 3 with its bits: random bit patterns (subnormals, -0.0, the
     * extremes, NaN and infinities among them) as thresholds, leaf values and statistics, read back from XGBoost
     * 3.4's own JSON of the loaded booster.
     */
    @Test
    void everyFloatReachesXGBoost3WithItsBits() throws Exception {
        LegacyBinaryModel model = LegacyBinaryModel.read(Files.readAllBytes(firstCase()));
        Random random = new Random(42);
        List<LegacyTree> trees = new ArrayList<>();
        for (LegacyTree tree : model.booster().trees()) {
            trees.add(new LegacyTree(tree.numFeature(), tree.numDeleted(), tree.parents(), tree.leftChildren(),
                    tree.rightChildren(), tree.splitIndices(), randomFloats(random, tree), randomFloats(random, tree),
                    randomFloats(random, tree), randomFloats(random, tree)));
        }
        LegacyGBTree booster = model.booster();
        LegacyBinaryModel rewritten = new LegacyBinaryModel(model.learner(), model.objectiveConfig(),
                new LegacyGBTree(booster.numParallelTree(), trees, booster.treeInfo(),
                        booster.hasNumParallelTree()), model.attributes());

        Booster loaded = XGBoost.loadModel(rewritten.toJson());
        try {
            String json = new String(loaded.toByteArray("json"), StandardCharsets.UTF_8);
            assertThat(floatsOf(json, "split_conditions")).isEqualTo(bitsOf(trees, LegacyTree::splitConditions));
            assertThat(floatsOf(json, "loss_changes")).isEqualTo(bitsOf(trees, LegacyTree::lossChanges));
            assertThat(floatsOf(json, "sum_hessian")).isEqualTo(bitsOf(trees, LegacyTree::sumHessians));
            assertThat(floatsOf(json, "base_weights")).isEqualTo(bitsOf(trees, LegacyTree::baseWeights));
        } finally {
            loaded.dispose();
        }
    }

    @Test
    void keepsTheSavingVersionAndTheUsersAttributes() throws Exception {
        LegacyBinaryModel model = LegacyBinaryModel.read(Files.readAllBytes(firstCase()));
        String json = new String(model.toJson(), StandardCharsets.UTF_8);

        assertThat(json).endsWith("\"version\":[1,7,0]}");
        assertThat(model.attributes()).extracting(a -> new String(a.key(), StandardCharsets.UTF_8))
                .containsExactly("best_iteration", "best_ntree_limit");
    }

    @Test
    void objectiveParametersComeFromTheSavedObjectiveConfiguration() throws Exception {
        // 13_binary_logistic was trained with scale_pos_weight (case.json).
        Path file = XGBoostLegacyExactnessTest.CASES.resolve("13_binary_logistic/model.model");
        LegacyBinaryModel model = LegacyBinaryModel.read(Files.readAllBytes(file));

        assertThat(new String(model.objectiveConfig(), StandardCharsets.UTF_8))
                .matches("\\{\"name\":\"binary:logistic\",\"reg_loss_param\":\\{\"scale_pos_weight\":\"[0-9.]+\"}}")
                .doesNotContain("\"scale_pos_weight\":\"1\"");
    }

    @Test
    void refusesADartBooster() {
        assertRefused(REFUSED.resolve("dart.model"), "Could not load XGBoost model dart.model: XGBoost legacy "
                + "binary model uses the 'dart' booster; only gbtree models can be translated for XGBoost 3");
    }

    @Test
    void refusesALinearBooster() {
        assertRefused(REFUSED.resolve("gblinear.model"), "Could not load XGBoost model gblinear.model: XGBoost legacy "
                + "binary model uses the 'gblinear' booster; only gbtree models can be translated for XGBoost 3");
    }

    @Test
    void refusesAnObjectiveItIsNotVerifiedFor() {
        assertRefused(REFUSED.resolve("count_poisson.model"), "Could not load XGBoost model count_poisson.model: "
                + "XGBoost legacy binary model has objective 'count:poisson', which this translation is not verified "
                + "for; verified: binary:logistic, binary:logitraw, multi:softmax, multi:softprob, reg:logistic, "
                + "reg:squarederror. Re-save the model with save_model('model.json') under XGBoost 1.x instead");
    }

    @Test
    void refusesAMultiTargetRegressor() {
        assertRefused(REFUSED.resolve("multi_target.model"), "Could not load XGBoost model multi_target.model: "
                + "XGBoost legacy binary model has 2 targets; only single-target models can be translated");
    }

    @Test
    void refusesAVersionItDoesNotKnow(@TempDir Path dir) throws IOException {
        byte[] file = Files.readAllBytes(firstCase());
        putInt(file, MAJOR_VERSION, 2);
        putInt(file, MINOR_VERSION, 1);

        assertRefused(Files.write(dir.resolve("model.model"), file), "Could not load XGBoost model model.model: "
                + "XGBoost legacy binary model says it was saved by XGBoost 2.1; only models saved by 1.0 to 1.7 "
                + "can be translated");
    }

    @Test
    void refusesAModelSavedBeforeVersion1(@TempDir Path dir) throws IOException {
        byte[] file = Files.readAllBytes(firstCase());
        putInt(file, MAJOR_VERSION, 0);
        putInt(file, MINOR_VERSION, 0);

        assertRefused(Files.write(dir.resolve("model.model"), file), "Could not load XGBoost model model.model: "
                + "XGBoost legacy binary model was saved by XGBoost before 1.0; only models saved by 1.0 to 1.7 can "
                + "be translated. Re-save it as JSON with XGBoost 1.x");
    }

    @Test
    void refusesATruncatedFileNamingWhereItEnds(@TempDir Path dir) throws IOException {
        byte[] file = Files.readAllBytes(firstCase());
        Path truncated = Files.write(dir.resolve("model.model"), Arrays.copyOf(file, 1000));

        assertRefused(truncated, "Could not load XGBoost model model.model: Corrupt XGBoost legacy binary model: "
                + "the file ends at byte 1000 inside tree 1's reserved fields");
    }

    @Test
    void refusesBytesAfterTheModel(@TempDir Path dir) throws IOException {
        byte[] file = Files.readAllBytes(firstCase());
        Path longer = Files.write(dir.resolve("model.model"), Arrays.copyOf(file, file.length + 3));

        assertRefused(longer, "Could not load XGBoost model model.model: XGBoost legacy binary model has 3 bytes "
                + "after its end (byte " + file.length + "), which XGBoost 1.x never writes");
    }

    @Test
    void refusesAChildIndexOutsideTheTree(@TempDir Path dir) throws IOException {
        byte[] file = Files.readAllBytes(firstCase());
        // "binf", LearnerModelParamLegacy, the objective's and booster's names, GBTreeModelParam, TreeParam:
        // then tree 0's root, whose left child follows its parent.
        int root = 4 + 136 + (8 + "binary:logitraw".length()) + (8 + "gbtree".length()) + 160 + 148;
        putInt(file, root + 4, 1_000_000);

        assertRefused(Files.write(dir.resolve("model.model"), file), "Could not load XGBoost model model.model: "
                + "Corrupt XGBoost legacy binary model: tree 0's node 0 splits feature 0 of 8 into nodes 1000000 "
                + "and 2 of 13");
    }

    @Test
    void refusesBase64(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.model"), "bs64AAAA");

        assertRefused(file, "Could not load XGBoost model model.model: XGBoost legacy binary model is "
                + "base64-encoded (\"bs64\"), which XGBoost 1.x itself no longer reads");
    }

    private void assertRefused(Path artifact, String message) {
        assertThatThrownBy(() -> loader.load(artifact, contextIn(artifact.getParent())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage(message);
    }

    private static LoadContext contextIn(Path dir) {
        return new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);
    }

    private static Path firstCase() {
        return XGBoostLegacyExactnessTest.CASES.resolve("00_binary_logitraw/model.model");
    }

    private static void putInt(byte[] file, int offset, int value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    }

    private static float[] randomFloats(Random random, LegacyTree tree) {
        float[] specials = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -0.0f, 0.0f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.00000012f, 0.1f, 3.4028235e38f};
        float[] values = new float[tree.parents().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)]
                    : Float.intBitsToFloat(random.nextInt());
        }
        return values;
    }

    private static List<Integer> bitsOf(List<LegacyTree> trees,
                                        Function<LegacyTree, float[]> field) {
        List<Integer> bits = new ArrayList<>();
        for (LegacyTree tree : trees) {
            for (float value : field.apply(tree)) {
                bits.add(Float.floatToIntBits(value));
            }
        }
        return bits;
    }

    /** The named arrays of every tree in XGBoost's JSON, each number parsed by Java (correctly rounded). */
    private static List<Integer> floatsOf(String json, String field) {
        List<Integer> bits = new ArrayList<>();
        Matcher arrays = Pattern.compile("\"" + field + "\":\\[([^\\]]*)]").matcher(json);
        while (arrays.find()) {
            for (String number : arrays.group(1).split(",")) {
                bits.add(Float.floatToIntBits(Float.parseFloat(number.strip())));
            }
        }
        return bits;
    }
}
