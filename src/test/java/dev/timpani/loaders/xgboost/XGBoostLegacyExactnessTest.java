package dev.timpani.loaders.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.LoadContext;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The legacy binary models of src/test/resources/xgboost-legacy (make_legacy_xgboost.py: random boosters saved by
 * XGBoost 1.7.4), translated and scored through the loader, give XGBoost 1.7.4's own predictions bit for bit:
 * translation copies every number and XGBoost 3 sums the same float32 trees in the same order.
 */
class XGBoostLegacyExactnessTest {

    static final Path CASES = Path.of("src/test/resources/xgboost-legacy");

    private final XGBoostLoader loader = new XGBoostLoader(dev.timpani.model.VersionGate.open());

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> folders = Files.list(CASES)) {
            List<Path> cases = folders.filter(f -> Files.exists(f.resolve("model.model"))).sorted().toList();
            assertThat(cases).as("generated cases").hasSizeGreaterThanOrEqualTo(30);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresLikeXGBoost174BitForBit(Path folder) throws Exception {
        assertScoresBitForBit(folder, folder.resolve("model.model"));
    }

    /** XGBoost 1.x reads a file with or without the "binf" header alike (LearnerImpl::LoadModel). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresTheSameWithoutTheBinfHeader(Path folder, @TempDir Path dir) throws Exception {
        byte[] file = Files.readAllBytes(folder.resolve("model.model"));
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("binf");
        Path headless = Files.write(dir.resolve("model.model"), Arrays.copyOfRange(file, 4, file.length));

        assertScoresBitForBit(folder, headless);
    }

    /**
     * The same model as XGBoost 1.0 would have laid it out: no "binf" header, and zeros (then reserved) where 1.6
     * and 1.7 keep num_target and boost_from_average; num_parallel_tree's slot held num_roots, 1. The translation
     * leaves those fields out, as 1.0's JSON did, and XGBoost 3's defaults for them score the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresTheSameLaidOutAsByXGBoost10(Path folder, @TempDir Path dir) throws Exception {
        byte[] saved = Files.readAllBytes(folder.resolve("model.model"));
        ByteBuffer file = ByteBuffer.wrap(Arrays.copyOfRange(saved, 4, saved.length)).order(ByteOrder.LITTLE_ENDIAN);
        // LearnerModelParamLegacy: ..., minor_version at 24, num_target at 28, boost_from_average at 32.
        file.putInt(24, 0).putInt(28, 0).putInt(32, 0);
        // Then the objective's and the booster's names (uint64 length + bytes), then GBTreeModelParam.
        int objectiveName = 136;
        int boosterName = objectiveName + 8 + (int) file.getLong(objectiveName);
        int booster = boosterName + 8 + (int) file.getLong(boosterName);
        file.putInt(booster + 4, 1);
        Path artifact = Files.write(dir.resolve("model.model"), file.array());

        assertThat(new String(LegacyBinaryModel.read(file.array()).toJson(), StandardCharsets.US_ASCII))
                .doesNotContain("num_target", "boost_from_average", "num_parallel_tree")
                .endsWith("\"version\":[1,0,0]}");
        assertScoresBitForBit(folder, artifact, "XGBoost 1.0 legacy binary model translated to JSON");
    }

    private void assertScoresBitForBit(Path folder, Path artifact) throws Exception {
        assertScoresBitForBit(folder, artifact, "XGBoost 1.7 legacy binary model translated to JSON");
    }

    private void assertScoresBitForBit(Path folder, Path artifact, String translation) throws Exception {
        Frame input = readInput(folder.resolve("input.csv"));
        float[][] expected = readExpected(folder.resolve("expected.csv"));
        LoadContext context = new LoadContext(artifact.getParent(), TargetType.REGRESSION, Optional.empty(), 1);

        try (ScoringModel model = loader.load(artifact, context)) {
            assertThat(model.description()).isEqualTo("XGBoostPredictor (" + translation + ", compiled tree engine)");
            RawPredictions predictions = model.predict(input);

            assertThat(predictions.columnCount()).as("outputs").isEqualTo(expected.length);
            for (int output = 0; output < expected.length; output++) {
                double[] got = predictions.columns()[output];
                for (int row = 0; row < expected[output].length; row++) {
                    // XGBoost predicts float32; the loader widens it to double exactly, so narrowing is lossless.
                    float actual = (float) got[row];
                    assertThat(Float.floatToIntBits(actual))
                            .as("%s output %d row %d: got %s, XGBoost 1.7.4 %s", folder.getFileName(), output,
                                    row + 1, actual, expected[output][row])
                            .isEqualTo(Float.floatToIntBits(expected[output][row]));
                }
            }
        }
    }

    /** input.csv: float32 values as the repr() of their exact float64; an empty cell is missing. */
    static Frame readInput(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> names = List.of(lines.get(0).split(","));
        int rows = lines.size() - 1;
        double[][] values = new double[names.size()][rows];
        for (int row = 0; row < rows; row++) {
            String[] cells = lines.get(row + 1).split(",", -1);
            for (int c = 0; c < names.size(); c++) {
                values[c][row] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (double[] column : values) {
            columns.add(new NumericColumn(column));
        }
        return new Frame(names, columns, rows);
    }

    /** expected.csv: one column per output, each a float32 as the repr() of its exact float64. */
    private static float[][] readExpected(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int outputs = lines.get(0).split(",").length;
        float[][] expected = new float[outputs][lines.size() - 1];
        for (int row = 0; row < lines.size() - 1; row++) {
            String[] cells = lines.get(row + 1).split(",");
            for (int c = 0; c < outputs; c++) {
                double value = Double.parseDouble(cells[c]);
                expected[c][row] = (float) value;
                assertThat((double) expected[c][row]).as("expected.csv holds float32 values").isEqualTo(value);
            }
        }
        return expected;
    }
}
