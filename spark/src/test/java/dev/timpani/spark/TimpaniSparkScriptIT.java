package dev.timpani.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/timpani-spark score} as a user runs it: its own JVM, the build's Spark, local[2]. */
class TimpaniSparkScriptIT {

    @Test
    void scoresCsvEndToEnd(@TempDir Path out) throws Exception {
        CorpusCase c = CorpusCase.get("xgboost_native_multiclass");
        Path output = out.resolve("scored");
        run(c, c.input().toString(), output.toString(), "--output-format", "csv");
        SparkSession spark = SparkSessions.local();
        List<Row> rows = spark.read().option("header", "true").option("inferSchema", "true").csv(output.toString())
                .collectAsList();
        ScoreJobTest.checkPredictions(c, rows, CsvRows.read(c.input()).schema().size());
    }

    @Test
    void scoresParquetEndToEnd(@TempDir Path out) throws Exception {
        CorpusCase c = CorpusCase.get("h2o_mojo_gbm_readmitted_binary");
        SparkSession spark = SparkSessions.local();
        Path parquet = out.resolve("input.parquet");
        CsvTyping.read(spark, c.input().toString()).coalesce(1).write().parquet(parquet.toString());
        Path output = out.resolve("scored.parquet");
        run(c, parquet.toString(), output.toString());
        ScoreJobTest.checkPredictions(c, spark.read().parquet(output.toString()).collectAsList(),
                CsvRows.read(c.input()).schema().size());
    }

    private static void run(CorpusCase c, String input, String output, String... more) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("timpani.spark.script"));
        command.addAll(List.of(ScoreJobTest.args(c, input, output)));
        command.addAll(List.of("--master", "local[2]"));
        command.addAll(List.of(more));
        Path log = Files.createTempFile("timpani-spark", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = process.waitFor();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertEquals(0, code, text);
        assertTrue(Files.isDirectory(Path.of(output)), text);
    }
}
