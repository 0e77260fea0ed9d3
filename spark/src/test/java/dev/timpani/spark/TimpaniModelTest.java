package dev.timpani.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Transformer's errors, the hook workers on Spark, the SQL function and the class path it runs on. */
class TimpaniModelTest {

    private final SparkSession spark = SparkSessions.local();

    @Test
    void aMissingColumnFailsAtTransformBeforeAnyTask() {
        CorpusCase c = CorpusCase.get("xgboost_pkl_regression");
        CsvRows input = CsvRows.read(c.input());
        String dropped = input.schema().fieldNames()[0];
        Dataset<Row> lacking = input.frame(spark, 2).drop(dropped);
        TimpaniModel model = TimpaniModel.load(c.model().toString(), c.options());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.transform(lacking));
        // XGBoost's own words (Booster._validate_features), then the columns the input has.
        assertTrue(e.getMessage().startsWith("The input does not fit the model: Feature shape mismatch, expected: "
                + "33, got 32 (the input's columns: AVG_fr, "), e.getMessage());
    }

    @Test
    void aModelThatDoesNotLoadFailsAtTransformWithItsOwnMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.pmml"), "<PMML>not a model");
        Dataset<Row> input = spark.range(3).toDF("x");
        TimpaniModel model = TimpaniModel.load(dir.toString(), Map.of("target-type", "regression"));
        ModelLoadFailedException e = assertThrows(ModelLoadFailedException.class, () -> model.transform(input));
        assertTrue(e.getMessage().startsWith("ERROR: ") && e.getMessage().contains("model.pmml"), e.getMessage());
    }

    @Test
    void aRowTheModelRejectsFailsTheTaskWithTheModelsErrorAndWhere() {
        CorpusCase c = CorpusCase.get("xgboost_native_regression");
        CsvRows input = CsvRows.read(c.input());
        String first = input.schema().fieldNames()[0];
        Dataset<Row> bad = input.frame(spark, 1).withColumn(first, lit("oops"));
        TimpaniModel model = TimpaniModel.load(c.model().toString(), c.options());
        Exception e = assertThrows(Exception.class, () -> model.transform(bad).collectAsList());
        String message = ScoreJob.rootMessage(e);
        assertTrue(message.contains("rows 1 to") && message.contains(first), message);
    }

    @Test
    void aPythonHookModelScoresThroughTheWorkers() {
        String python = System.getProperty("timpani.test.python", "/usr/bin/python3");
        assumePython(python);
        CorpusCase c = CorpusCase.get("python_custom_all_hooks");
        CsvRows input = CsvRows.read(c.input());
        Map<String, String> options = new HashMap<>(c.options());
        options.put("python", python);
        TimpaniModel model = TimpaniModel.load(c.model().toString(), options);
        List<Row> scored = model.transform(input.frame(spark, 2)).collectAsList();
        Map<String, List<String>> expected = CorpusCase.readCsv(c.folder().resolve("expected.csv"));
        assertEquals(input.rows().size(), scored.size());
        int width = input.schema().size();
        List<String> labels = List.copyOf(expected.keySet());
        for (int r = 0; r < scored.size(); r++) {
            for (int l = 0; l < labels.size(); l++) {
                double want = CorpusCase.number(expected.get(labels.get(l)).get(r));
                int index = width + c.labels().indexOf(labels.get(l));
                assertEquals(want, scored.get(r).getDouble(index), c.tolerance(), "row " + r);
            }
        }
    }

    @Test
    void theSqlFunctionScoresAStructOfTheColumns() {
        CorpusCase c = CorpusCase.get("xgboost_native_multiclass");
        CsvRows input = CsvRows.read(c.input());
        TimpaniFunctions.register(spark, "skyserver", c.model().toString(), c.options());
        input.frame(spark, 2).createOrReplaceTempView("sky");
        List<Row> bySql = spark.sql("SELECT skyserver(struct(*)) AS p FROM sky").collectAsList();
        Column[] columns = Arrays.stream(input.schema().fieldNames()).map(n -> col("`" + n + "`"))
                .toArray(Column[]::new);
        List<Row> byCall = input.frame(spark, 2).select(callUDF("skyserver", struct(columns)).as("p"))
                .collectAsList();
        Map<String, List<String>> expected = CorpusCase.readCsv(c.folder().resolve("expected.csv"));
        for (List<Row> scored : List.of(bySql, byCall)) {
            assertEquals(input.rows().size(), scored.size());
            for (int r = 0; r < scored.size(); r++) {
                Row p = scored.get(r).getStruct(0);
                for (String label : c.labels()) {
                    assertEquals(CorpusCase.number(expected.get(label).get(r)),
                            p.getDouble(p.fieldIndex(label)), c.tolerance(), "row " + r);
                }
            }
        }
    }

    @Test
    void noSpringTomcatOrGrpcOnTheSparkClassPath() {
        for (String name : List.of("org.springframework.context.ApplicationContext",
                "org.springframework.boot.SpringApplication", "org.apache.catalina.startup.Tomcat",
                "io.grpc.Server", "ch.qos.logback.classic.Logger", "scala.collection.compat.BuildFrom")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
        // Scala is Spark's 2.13, Jackson 2 is Spark's, Kryo is Spark's 4 (XGBoost4J's Booster links against it).
        assertTrue(scala.util.Properties.versionNumberString().startsWith("2.13"));
        assertEquals("2.21", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString().substring(0, 4));
    }

    static void assumePython(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import pandas, sklearn, joblib").redirectErrorStream(true)
                    .start();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (CorpusCase.requireAll()) {
            throw new IllegalStateException(python + " lacks pandas, scikit-learn or joblib");
        }
        Assumptions.abort(python + " lacks pandas, scikit-learn or joblib");
    }
}
