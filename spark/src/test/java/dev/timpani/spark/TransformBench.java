package dev.timpani.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * bench/spark-transform.sh's measurement (not a test): rows/s of {@code transform()} on a csv file, in this JVM's
 * {@code local[N]} session. Prints two figures: transform alone (the input typed and cached in memory first, the
 * output evaluated into Spark's {@code noop} sink), and the whole job as {@code bin/timpani-spark score} runs it (csv
 * read and typed, scored, csv written).
 *
 * <p>Arguments: master code-dir target-type input.csv output-dir [option=value ...]
 */
public final class TransformBench {

    public static void main(String[] args) {
        String master = args[0];
        String codeDir = args[1];
        Map<String, String> options = new java.util.HashMap<>(Map.of("target-type", args[2]));
        String input = args[3];
        String output = args[4];
        for (int i = 5; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            options.put(pair[0], pair[1]);
        }
        SparkSession spark = SparkSession.builder().master(master).appName("timpani transform bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        TimpaniModel model = TimpaniModel.load(codeDir, options);
        int cores = Integer.parseInt(master.replaceAll("\\D", ""));

        Dataset<Row> typed = CsvTyping.read(spark, input).repartition(cores).cache();
        long rows = typed.count();
        model.transform(typed.limit(10_000)).write().format("noop").mode("overwrite").save(); // load + JIT warm-up
        for (int run = 1; run <= 2; run++) {
            long started = System.nanoTime();
            model.transform(typed).write().format("noop").mode("overwrite").save();
            report("transform() run " + run + " (cached input, noop sink)", rows, System.nanoTime() - started);
        }
        typed.unpersist();

        long started = System.nanoTime();
        ScoreJob.Arguments job = ScoreJob.Arguments.parse(new String[] {"--code-dir", codeDir, "--input", input,
                "--output", output, "--target-type", args[2]});
        job.options.putAll(options);
        ScoreJob.score(spark, job);
        report("score job (csv in, typed, scored, csv out)", rows, System.nanoTime() - started);
        spark.stop();
    }

    private static void report(String what, long rows, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("spark %-48s %,d rows in %.2f s: %,.0f rows/s%n", what, rows, seconds, rows / seconds);
    }
}
