package dev.timpani.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score job's main in this JVM's session: csv and Parquet in and out, and its exit codes. */
class ScoreJobTest {

    private final SparkSession spark = SparkSessions.local();

    @Test
    void scoresACsvFileIntoACsvFolderKeepingTheInputColumns(@TempDir Path out) {
        CorpusCase c = CorpusCase.get("xgboost_native_binary");
        Path output = out.resolve("scored");
        assertEquals(0, ScoreJob.run(args(c, c.input().toString(), output.toString())));
        List<Row> rows = spark.read().option("header", "true").option("inferSchema", "true").csv(output.toString())
                .collectAsList();
        checkPredictions(c, rows, CsvRows.read(c.input()).schema().size());
    }

    @Test
    void scoresParquetIntoParquet(@TempDir Path out) {
        CorpusCase c = CorpusCase.get("pmml_sklearn_multiclass");
        Path parquet = out.resolve("input.parquet");
        CsvTyping.read(spark, c.input().toString()).coalesce(1).write().parquet(parquet.toString());
        Path output = out.resolve("scored.parquet");
        assertEquals(0, ScoreJob.run(args(c, parquet.toString(), output.toString())));
        List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
        checkPredictions(c, rows, CsvRows.read(c.input()).schema().size());
    }

    /**
     * A pickle NumPy 2 wrote has its csv read with pandas 2's missing values, as {@code score} reads it: the modern
     * mixed-types twin (scikit-learn 1.9.1 on pandas 3) has "None" cells, a category under pandas 1.5's rule, which
     * answered 0.972 for its first row where scikit-learn answers 0.948. Served in the JVM (no Python).
     */
    @Test
    void readsANumpyTwoPicklesCsvWithPandasTwosMissingValues(@TempDir Path out) {
        Path twin = Path.of("../src/test/resources/modern-pickles/sklearn_pipeline_mixed_types").toAbsolutePath();
        Path output = out.resolve("scored.parquet");
        assertEquals(0, ScoreJob.run(new String[] {"score", "--code-dir", twin.resolve("model").toString(),
                "--input", twin.resolve("input.csv").toString(), "--output", output.toString(), "--target-type",
                "binary", "--negative-class-label", "False", "--positive-class-label", "True", "--python",
                "/nonexistent/python3"}));
        List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
        Map<String, List<String>> expected = CorpusCase.readCsv(twin.resolve("expected.csv"));
        assertEquals(expected.get("True").size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (String label : List.of("False", "True")) {
                // the linear engine's proof bound (ExactnessProofTest): 1e-12 relative to the largest value, 1
                assertEquals(Double.parseDouble(expected.get(label).get(r)),
                        rows.get(r).getDouble(rows.get(r).fieldIndex(label)), 1e-12, "row " + r + " " + label);
            }
        }
    }

    @Test
    void aModelThatDoesNotLoadExitsOneWithItsMessage(@TempDir Path dir) {
        String err = stderrOf(() -> assertEquals(1, ScoreJob.run(new String[] {"score", "--code-dir",
                dir.toString(), "--target-type", "regression", "--input",
                CorpusCase.get("xgboost_native_regression").input().toString(), "--output",
                dir.resolve("out").toString()})));
        assertTrue(err.startsWith("ERROR: "), err);
    }

    @Test
    void aBadFlagExitsTwo() {
        String err = stderrOf(() -> assertEquals(2, ScoreJob.run(new String[] {"score", "--code-dir", "x",
                "--input", "y", "--output", "z", "--colour", "blue"})));
        assertTrue(err.contains("Unknown Timpani option(s) [colour]"), err);
    }

    /** Rows in input order: the job keeps one partition for one small file, and Spark writes it in order. */
    static void checkPredictions(CorpusCase c, List<Row> rows, int inputWidth) {
        Map<String, List<String>> expected = CorpusCase.readCsv(c.folder().resolve("expected.csv"));
        assertEquals(expected.values().iterator().next().size(), rows.size());
        assertEquals(inputWidth + expected.size() + 1, rows.get(0).size());
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (Map.Entry<String, List<String>> column : expected.entrySet()) {
                double want = CorpusCase.number(column.getValue().get(r));
                Object got = row.get(row.fieldIndex(column.getKey()));
                assertEquals(want, ((Number) got).doubleValue(), c.tolerance(), c.name() + " row " + r);
            }
        }
    }

    static String[] args(CorpusCase c, String input, String output) {
        List<String> args = new ArrayList<>(List.of("score", "--code-dir", c.model().toString(), "--input", input,
                "--output", output));
        c.options().forEach((name, value) -> {
            args.add("--" + name);
            if ("class-labels".equals(name)) {
                args.addAll(List.of(value.split(",")));
            } else {
                args.add(value);
            }
        });
        return args.toArray(new String[0]);
    }

    private static String stderrOf(Runnable run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            run.run();
        } finally {
            System.setErr(saved);
        }
        return captured.toString();
    }
}
