package dev.timpani.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** DRUM's flags that say which model to serve and how (R-CFG-1..3), shared by every command. */
class ModelOptions {

    @Option(names = "--code-dir", description = "Model folder (env CODE_DIR). Default for server: the embedded "
            + "example model.")
    Path codeDir;

    @Option(names = "--target-type", description = "binary, regression, multiclass, anomaly, transform, "
            + "unstructured, ... (env TARGET_TYPE)")
    String targetType;

    @Option(names = "--positive-class-label", description = "Binary positive label (env POSITIVE_CLASS_LABEL)")
    String positiveClassLabel;

    @Option(names = "--negative-class-label", description = "Binary negative label (env NEGATIVE_CLASS_LABEL)")
    String negativeClassLabel;

    @Option(names = "--class-labels", arity = "1..*", description = "Multiclass labels (env CLASS_LABELS)")
    List<String> classLabels;

    @Option(names = "--class-labels-file", description = "File of class labels, one per line (env CLASS_LABELS_FILE)")
    Path classLabelsFile;

    /** The {@code timpani.*} properties these flags set; flags not given set nothing. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        put(properties, "timpani.code-dir", codeDir);
        put(properties, "timpani.target-type", targetType);
        put(properties, "timpani.labels.positive", positiveClassLabel);
        put(properties, "timpani.labels.negative", negativeClassLabel);
        if (classLabels != null) {
            for (int i = 0; i < classLabels.size(); i++) {
                put(properties, "timpani.labels.class-labels[" + i + "]", classLabels.get(i));
            }
        }
        put(properties, "timpani.labels.class-labels-file", classLabelsFile);
        return properties;
    }

    static void put(Map<String, Object> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value.toString());
        }
    }
}
