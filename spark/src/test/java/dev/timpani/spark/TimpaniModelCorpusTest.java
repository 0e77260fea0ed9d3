package dev.timpani.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every structured case of the shared corpus that the JVM scores (JVM-native formats and in-JVM pickles) through
 * {@code transform()} on {@code local[2]}: the framework's own predictions within the case's tolerance, with the
 * input in 1 and in 8 partitions, every input row kept once and in order, its columns untouched.
 */
class TimpaniModelCorpusTest {

    static final List<String> JVM_FORMATS = List.of("h2o_", "onnx_", "pmml_", "torchscript_", "xgboost_native_",
            "xgboost_pkl_", "sklearn_");

    /** The cases only the workers serve: a Python hook folder, a torch .pth with custom.py, R hook and .rds folders. */
    static final List<String> WORKER_FORMATS = List.of("python_custom_all_hooks", "pytorch_", "r_");

    static Stream<CorpusCase> jvmCases() {
        // The sparse case's input is MatrixMarket, which a DataFrame does not hold.
        return CorpusCase.cases(JVM_FORMATS, List.of("sklearn_sparse_regression"));
    }

    static Stream<CorpusCase> workerCases() {
        return CorpusCase.cases(WORKER_FORMATS, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jvmCases")
    void scoresTheCorpusInOneAndEightPartitions(CorpusCase c) {
        scoresInOneAndEightPartitions(c);
    }

    /** Hook and R folders: their workers start once per executor JVM and serve every partition's batches. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("workerCases")
    void scoresTheWorkersCasesInOneAndEightPartitions(CorpusCase c) {
        scoresInOneAndEightPartitions(c);
    }

    private static void scoresInOneAndEightPartitions(CorpusCase c) {
        SparkSession spark = SparkSessions.local();
        CsvRows input = CsvRows.read(c.input());
        List<Row> rows = input.rows();
        Map<String, String> options = new HashMap<>(c.options());
        // The pickles the JVM declines go to the Python workers, as on the server.
        options.put("python", System.getProperty("timpani.test.python", "python3"));
        TimpaniModel model = TimpaniModel.load(c.model().toString(), options);
        List<String> names = List.of(model.transformSchema(input.schema()).fieldNames());
        Map<String, List<String>> expected = CorpusCase.readCsv(c.folder().resolve("expected.csv"));
        int width = input.schema().size();
        for (int partitions : new int[] {1, 8}) {
            Dataset<Row> split = input.frame(spark, partitions);
            assertEquals(partitions, split.rdd().getNumPartitions());
            List<Row> scored = model.transform(split).collectAsList();
            assertEquals(rows.size(), scored.size(), c.name() + ": rows");
            for (int r = 0; r < rows.size(); r++) {
                for (int col = 0; col < width; col++) {
                    assertEquals(rows.get(r).get(col), scored.get(r).get(col), c.name() + ": input row " + r);
                }
                for (Map.Entry<String, List<String>> column : expected.entrySet()) {
                    double want = CorpusCase.number(column.getValue().get(r));
                    double got = scored.get(r).getDouble(names.indexOf(column.getKey()));
                    assertTrue(Math.abs(want - got) <= c.tolerance() || (Double.isNaN(want) && Double.isNaN(got)),
                            c.name() + " (" + partitions + " partitions): row " + r + " column " + column.getKey()
                                    + " expected " + want + " got " + got);
                }
            }
        }
    }
}
