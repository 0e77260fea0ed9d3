package dev.timpani.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/timpani-spark score} as a user runs it: its own JVM, the build's Spark, local[2], on csv and on Parquet.
 * The two runs go at once: each spends most of its time starting a JVM and Spark.
 */
class TimpaniSparkScriptIT {

    @Test
    void scoresCsvAndParquetEndToEnd(@TempDir Path out) throws Exception {
        SparkSession spark = SparkSessions.local();
        CorpusCase csvCase = CorpusCase.get("xgboost_native_multiclass");
        Path csvOutput = out.resolve("scored");
        CorpusCase parquetCase = CorpusCase.get("h2o_mojo_gbm_readmitted_binary");
        Path parquet = out.resolve("input.parquet");
        CsvTyping.read(spark, parquetCase.input().toString()).coalesce(1).write().parquet(parquet.toString());
        Path parquetOutput = out.resolve("scored.parquet");

        Run csv = Run.start(csvCase, csvCase.input().toString(), csvOutput.toString(), "--output-format", "csv");
        Run pq = Run.start(parquetCase, parquet.toString(), parquetOutput.toString());
        csv.await();
        pq.await();

        ScoreJobTest.checkPredictions(csvCase, spark.read().option("header", "true").option("inferSchema", "true")
                .csv(csvOutput.toString()).collectAsList(), CsvRows.read(csvCase.input()).schema().size());
        ScoreJobTest.checkPredictions(parquetCase, spark.read().parquet(parquetOutput.toString()).collectAsList(),
                CsvRows.read(parquetCase.input()).schema().size());
    }

    private record Run(Process process, Path log, Path output) {

        static Run start(CorpusCase c, String input, String output, String... more) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(System.getProperty("timpani.spark.script"));
            command.addAll(List.of(ScoreJobTest.args(c, input, output)));
            command.addAll(List.of("--master", "local[2]"));
            command.addAll(List.of(more));
            Path log = Files.createTempFile("timpani-spark", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new Run(process, log, Path.of(output));
        }

        void await() throws Exception {
            int code = process.waitFor();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            assertEquals(0, code, text);
            assertTrue(Files.isDirectory(output), text);
        }
    }
}
