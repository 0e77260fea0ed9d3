package dev.timpani.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code target} section of a DataRobot deployment config ({@code --deployment-config}, R-CFG-11): what the
 * Portable Prediction Server response names and decides with.
 *
 * @param name                the target's name: the label of a single-value prediction (may be null)
 * @param classNames          the classes by their index in {@code class_mapping}, or null when there is none
 * @param predictionThreshold the binary / multilabel decision threshold, or null
 */
public record DeploymentTarget(String name, List<String> classNames, Double predictionThreshold) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads the file as DRUM does, with DRUM's messages when it is not JSON or has no {@code target}. */
    public static DeploymentTarget read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("The file " + file + " does not exist!");
        }
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Failed to parse deployment config json file '" + file + "'", e);
        }
        if (config == null || !config.has("target")) {
            throw new IllegalArgumentException("'target' section not found in deployment config json file " + file);
        }
        JsonNode target = config.path("target");
        String name = target.path("name").isString() ? target.path("name").asString() : null;
        Double threshold = target.path("prediction_threshold").isNumber()
                ? target.path("prediction_threshold").asDouble() : null;
        return new DeploymentTarget(name, classNames(target.path("class_mapping")), threshold);
    }

    /** {@code [["GALAXY", 0], ["QSO", 1]]}: the names ordered by their index, as DRUM orders them. */
    private static List<String> classNames(JsonNode mapping) {
        if (!mapping.isArray() || mapping.isEmpty()) {
            return null;
        }
        List<JsonNode> pairs = new ArrayList<>();
        mapping.forEach(pairs::add);
        pairs.sort(Comparator.comparingDouble(pair -> pair.path(1).asDouble()));
        return pairs.stream().map(pair -> pair.path(0).asString()).toList();
    }
}
