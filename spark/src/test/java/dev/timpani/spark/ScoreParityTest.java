package dev.timpani.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * transform() gives exactly the numbers the server's own {@code score} writes ({@code java -jar timpani.jar score},
 * whose csv holds each double's shortest repr, so it parses back to the same bits), on every corpus case
 * {@link TimpaniModelCorpusTest} scores (there against the framework's own predictions, within each case's
 * tolerance): a separate JVM per case, a few seconds each.
 */
class ScoreParityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.timpani.spark.TimpaniModelCorpusTest#jvmCases")
    void transformEqualsScore(CorpusCase c, @TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("timpani.jar", "../target/timpani.jar"));
        if (!Files.isRegularFile(jar)) {
            if (CorpusCase.requireAll()) {
                throw new IllegalStateException("The server's jar is missing at " + jar);
            }
            Assumptions.abort("The server's jar is missing at " + jar);
        }
        Path scoreOutput = dir.resolve("score.csv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "score", "--code-dir", c.model().toString(), "--input",
                c.input().toString(), "--output", scoreOutput.toString()));
        List<String> flags = List.of(ScoreJobTest.args(c, "x", "y"));
        command.addAll(flags.subList(7, flags.size()));
        Path log = dir.resolve("score.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TIMPANI_CACHE_DIR", dir.resolve("cache").toString());
        assertEquals(0, builder.start().waitFor(), Files.readString(log, StandardCharsets.UTF_8));
        Map<String, List<String>> byScore = CorpusCase.readCsv(scoreOutput);

        SparkSession spark = SparkSessions.local();
        CsvRows input = CsvRows.read(c.input());
        Map<String, String> options = new HashMap<>(c.options());
        TimpaniModel model = TimpaniModel.load(c.model().toString(), options);
        List<String> names = List.of(model.transformSchema(input.schema()).fieldNames());
        List<Row> scored = model.transform(input.frame(spark, 1)).collectAsList();
        for (Map.Entry<String, List<String>> column : byScore.entrySet()) {
            int index = names.indexOf(column.getKey());
            for (int r = 0; r < scored.size(); r++) {
                assertEquals(Double.parseDouble(column.getValue().get(r)), scored.get(r).getDouble(index),
                        c.name() + " row " + r + " " + column.getKey());
            }
        }
        assertEquals(byScore.values().iterator().next().size(), scored.size());
    }
}
