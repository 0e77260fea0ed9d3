package dev.timpani.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to load and score a model folder on Spark: {@code score}'s model flags by the same names (without the
 * dashes), plus the batch size and the workers' interpreter. Serialisable and a value (equals/hashCode), so each
 * executor JVM keeps one loaded model per distinct options ({@link ExecutorModels}).
 *
 * @param codeDir               the model folder: a local path, a Hadoop file system URI ({@code hdfs://},
 *                              {@code s3a://}, ...) copied to each executor once, or a name added with
 *                              {@code SparkContext.addFile}
 * @param targetType            {@code --target-type}; null: from {@code model-metadata.yaml}
 * @param classLabels           {@code --class-labels}; empty: none
 * @param batchSize             rows handed to the model at a time within a partition
 * @param textAsCsv             type text columns per batch as {@code score} types a csv chunk (numbers where every
 *                              present cell parses as pandas parses one, pandas' missing-value spellings missing);
 *                              the {@code score} job sets it for csv input read as text
 * @param python                the interpreter of the hook workers ({@code custom.py}, pickles the JVM declines)
 * @param workers               hook worker processes per executor JVM
 */
public record TimpaniOptions(String codeDir, String targetType, String positiveClassLabel,
                             String negativeClassLabel, List<String> classLabels, String classLabelsFile,
                             String runtimeParamsFile, String language, int batchSize, boolean textAsCsv,
                             String python, String rscript, int workers, boolean trustUnprovenVersions,
                             boolean picklesInJvm) implements Serializable {

    public static final int DEFAULT_BATCH_SIZE = 1000;

    public TimpaniOptions {
        if (codeDir == null || codeDir.isBlank()) {
            throw new IllegalArgumentException("A model folder (code-dir) is required");
        }
        classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be positive: " + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
    }

    /** The folder with every other option at its default. */
    public static TimpaniOptions of(String codeDir) {
        return of(codeDir, Map.of());
    }

    /**
     * Options by name, as {@code score}'s flags spell them without the dashes: {@code target-type},
     * {@code positive-class-label}, {@code negative-class-label}, {@code class-labels} (comma-separated; see
     * {@link #withClassLabels} for labels holding commas), {@code class-labels-file}, {@code runtime-params-file},
     * {@code language}, and {@code batch-size}, {@code text-as-csv}, {@code python}, {@code rscript},
     * {@code workers}, {@code trust-unproven-versions}, {@code pickles-in-jvm}. An unknown name is an error.
     */
    public static TimpaniOptions of(String codeDir, Map<String, String> options) {
        Map<String, String> left = new LinkedHashMap<>();
        options.forEach((key, value) -> left.put(key.toLowerCase(Locale.ROOT).replace('_', '-'), value));
        String labels = left.remove("class-labels");
        TimpaniOptions parsed = new TimpaniOptions(codeDir, left.remove("target-type"),
                left.remove("positive-class-label"), left.remove("negative-class-label"),
                labels == null ? List.of() : splitLabels(labels), left.remove("class-labels-file"),
                left.remove("runtime-params-file"), left.remove("language"),
                Integer.parseInt(left.getOrDefault("batch-size", String.valueOf(DEFAULT_BATCH_SIZE))),
                Boolean.parseBoolean(left.getOrDefault("text-as-csv", "false")),
                left.getOrDefault("python", "python3"), left.getOrDefault("rscript", "Rscript"),
                Integer.parseInt(left.getOrDefault("workers", "1")),
                Boolean.parseBoolean(left.getOrDefault("trust-unproven-versions", "false")),
                Boolean.parseBoolean(left.getOrDefault("pickles-in-jvm", "true")));
        List.of("batch-size", "text-as-csv", "python", "rscript", "workers", "trust-unproven-versions",
                "pickles-in-jvm").forEach(left::remove);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("Unknown Timpani option(s) " + left.keySet() + "; known: target-type, "
                    + "positive-class-label, negative-class-label, class-labels, class-labels-file, "
                    + "runtime-params-file, language, batch-size, text-as-csv, python, rscript, workers, "
                    + "trust-unproven-versions, pickles-in-jvm");
        }
        return parsed;
    }

    private static List<String> splitLabels(String labels) {
        List<String> split = new ArrayList<>();
        Arrays.stream(labels.split(",", -1)).map(String::strip).forEach(split::add);
        return split;
    }

    public TimpaniOptions withClassLabels(List<String> labels) {
        return new TimpaniOptions(codeDir, targetType, positiveClassLabel, negativeClassLabel, labels,
                classLabelsFile, runtimeParamsFile, language, batchSize, textAsCsv, python, rscript, workers,
                trustUnprovenVersions, picklesInJvm);
    }

    public TimpaniOptions withBatchSize(int rows) {
        return new TimpaniOptions(codeDir, targetType, positiveClassLabel, negativeClassLabel, classLabels,
                classLabelsFile, runtimeParamsFile, language, rows, textAsCsv, python, rscript, workers,
                trustUnprovenVersions, picklesInJvm);
    }

    public TimpaniOptions withTextAsCsv(boolean typed) {
        return new TimpaniOptions(codeDir, targetType, positiveClassLabel, negativeClassLabel, classLabels,
                classLabelsFile, runtimeParamsFile, language, batchSize, typed, python, rscript, workers,
                trustUnprovenVersions, picklesInJvm);
    }

    /** The options that decide which model is loaded: equal keys share one loaded model in an executor. */
    TimpaniOptions modelKey() {
        return new TimpaniOptions(codeDir, targetType, positiveClassLabel, negativeClassLabel, classLabels,
                classLabelsFile, runtimeParamsFile, language, DEFAULT_BATCH_SIZE, false, python, rscript, workers,
                trustUnprovenVersions, picklesInJvm);
    }
}
