package dev.timpani.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code score} on Spark: reads any Spark source, appends the model's predictions to every row, writes any Spark
 * sink. The same main class runs from {@code bin/timpani-spark} (local mode, the build's Spark) and under
 * {@code spark-submit}. Exit code 0 on success, 1 when the model fails to load or scoring fails (the message on
 * standard error), 2 on a usage error.
 *
 * <pre>
 * score --code-dir DIR --input PATH --output PATH [--master URL] [--input-format csv|parquet|orc|json]
 *       [--output-format csv|parquet|orc|json] [--target-type T] [--positive-class-label L]
 *       [--negative-class-label L] [--class-labels A B ...] [--class-labels-file F] [--runtime-params-file F]
 *       [--language L] [--batch-size N] [--python CMD] [--workers N] [--partitions N]
 * </pre>
 */
public final class ScoreJob {

    static final String USAGE = "Usage: timpani-spark score --code-dir DIR --input PATH --output PATH "
            + "[--master URL] [--input-format csv|parquet|orc|json] [--output-format csv|parquet|orc|json] "
            + "[--target-type T] [--positive-class-label L] [--negative-class-label L] [--class-labels A B ...] "
            + "[--class-labels-file F] [--runtime-params-file F] [--language L] [--batch-size N] [--python CMD] "
            + "[--workers N] [--partitions N]";

    private ScoreJob() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job; the exit code. */
    static int run(String[] args) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("timpani score " + parsed.codeDir);
        if (parsed.master != null) {
            builder.master(parsed.master);
        }
        SparkSession spark = builder.getOrCreate();
        String logLevel = System.getProperty("timpani.spark.logLevel");
        if (logLevel != null) {
            spark.sparkContext().setLogLevel(logLevel);
        }
        try {
            score(spark, parsed);
            return 0;
        } catch (Exception e) {
            // Spark's AnalysisException (a missing input path, say) is a checked exception Scala throws undeclared.
            System.err.println(rootMessage(e));
            return 1;
        } finally {
            if (parsed.master != null) {
                spark.stop();
            }
        }
    }

    public static void score(SparkSession spark, Arguments args) {
        String inputFormat = args.inputFormat != null ? args.inputFormat : formatOf(args.input);
        String outputFormat = args.outputFormat != null ? args.outputFormat : formatOf(args.output);
        TimpaniModel model = TimpaniModel.load(args.codeDir, args.options);
        // csv typed with the model's missing values, as score reads it (the model loads here on the driver, which
        // transform would do anyway to check the schema)
        Dataset<Row> input = "csv".equals(inputFormat) ? CsvTyping.read(spark, args.input, model.csvNaValues())
                : spark.read().format(inputFormat).load(args.input);
        if (args.partitions > 0) {
            input = input.repartition(args.partitions);
        }
        spark.sparkContext().setJobDescription("Timpani: score " + args.input + " with " + args.codeDir);
        Dataset<Row> scored = model.transform(input);
        var writer = scored.write().mode(SaveMode.Overwrite).format(outputFormat);
        if ("csv".equals(outputFormat)) {
            writer = writer.option("header", "true").option("escape", "\"");
        }
        writer.save(args.output);
    }

    private static String formatOf(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String format : List.of("parquet", "orc", "json", "csv")) {
            if (lower.endsWith("." + format)) {
                return format;
            }
        }
        return "csv";
    }

    /** The message of the failure a user can act on: the model's, not Spark's task wrapping. */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ModelLoadFailedException || cause instanceof ScoringFailedException
                    || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The command line. */
    public static final class Arguments {
        String master;
        String codeDir;
        String input;
        String output;
        String inputFormat;
        String outputFormat;
        int partitions;
        public final Map<String, String> options = new LinkedHashMap<>();

        public static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            int i = 0;
            if (i < args.length && "score".equals(args[i])) {
                i++;
            }
            while (i < args.length) {
                String flag = args[i++];
                if (!flag.startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument " + flag);
                }
                String name = flag.substring(2);
                List<String> values = new ArrayList<>();
                while (i < args.length && !args[i].startsWith("--")) {
                    values.add(args[i++]);
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("Missing value for " + flag);
                }
                String value = values.get(0);
                if (values.size() > 1 && !"class-labels".equals(name)) {
                    throw new IllegalArgumentException(flag + " takes one value, got " + values);
                }
                switch (name) {
                    case "master" -> parsed.master = value;
                    case "code-dir" -> parsed.codeDir = value;
                    case "input" -> parsed.input = value;
                    case "output" -> parsed.output = value;
                    case "input-format" -> parsed.inputFormat = value.toLowerCase(Locale.ROOT);
                    case "output-format" -> parsed.outputFormat = value.toLowerCase(Locale.ROOT);
                    case "partitions" -> parsed.partitions = Integer.parseInt(value);
                    case "class-labels" -> parsed.options.put(name, String.join(",", values));
                    case "max-workers" -> parsed.options.put("workers", value);
                    default -> parsed.options.put(name, value);
                }
            }
            for (String[] required : new String[][] {{"--code-dir", parsed.codeDir}, {"--input", parsed.input},
                    {"--output", parsed.output}}) {
                if (required[1] == null) {
                    throw new IllegalArgumentException("Missing required option " + required[0]);
                }
            }
            TimpaniOptions.of(parsed.codeDir, parsed.options); // unknown options are a usage error
            return parsed;
        }
    }
}
