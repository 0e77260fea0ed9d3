package dev.timpani.model.params;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * DRUM's {@code --runtime-params-file} (R-CFG-9): a YAML mapping of parameter names to values, checked against the
 * {@code runtimeParameterDefinitions} of the code dir's {@code model-metadata.yaml} at start-up, in DRUM's order
 * and with DRUM's messages (R-RTP-1): the definitions first, then the values file, then each defined parameter,
 * whose value is the file's or else the definition's default. Values the file has but no definition names are
 * ignored, as DRUM ignores them.
 */
final class ValuesFile {

    static final String METADATA = "model-metadata.yaml";
    static final String DEFINITIONS = "runtimeParameterDefinitions";

    private ValuesFile() {
    }

    /** Each defined parameter's checked envelope, {@code {"payload": ..., "type": ...}}, by name. */
    static Map<String, Map<String, Object>> read(Path valuesFile, Path codeDir) {
        List<ParameterDefinition> definitions = definitions(codeDir);
        Map<?, ?> values = values(valuesFile);
        Map<String, Map<String, Object>> envelopes = new LinkedHashMap<>();
        for (ParameterDefinition definition : definitions) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("payload", values.containsKey(definition.name())
                    ? values.get(definition.name()) : definition.defaultValue());
            envelope.put("type", definition.type().drumName());
            Optional<DataError> failure = definition.rules().check(envelope);
            if (failure.isPresent()) {
                throw new RuntimeParameterException("Failed to load runtime parameter '" + definition.name() + "'. "
                        + failure.get().text());
            }
            envelopes.put(definition.name(), envelope);
        }
        return envelopes;
    }

    private static List<ParameterDefinition> definitions(Path codeDir) {
        Path file = codeDir.resolve(METADATA);
        Object metadata;
        try {
            metadata = yaml(file);
        } catch (NoSuchFileException e) {
            throw new RuntimeParameterException(METADATA + " must exist to use runtime parameters");
        } catch (IOException | YAMLException e) {
            throw new RuntimeParameterException("Invalid model-metadata YAML content! " + e.getMessage());
        }
        if (metadata == null || isEmpty(metadata)) {
            throw new RuntimeParameterException("Model-metadata YAML file is empty!");
        }
        Object entries = metadata instanceof Map<?, ?> map ? map.get(DEFINITIONS) : null;
        if (!(entries instanceof List<?> list) || list.isEmpty()) {
            throw new RuntimeParameterException(METADATA + ": YAML file must contain at least one parameter "
                    + "definition in the section '" + DEFINITIONS + "'");
        }
        Map<String, ParameterDefinition> byName = new LinkedHashMap<>();
        for (Object entry : list) {
            ParameterDefinition.Definition parsed = ParameterDefinition.parse(entry);
            if (parsed.failure() != null) {
                throw new RuntimeParameterException("Failed to load runtime parameter: " + parsed.failure().text());
            }
            String name = parsed.definition().name();
            if (byName.putIfAbsent(name, parsed.definition()) != null) {
                throw new RuntimeParameterException("Failed to load runtime parameter [" + name
                        + "], duplicated definition");
            }
        }
        return List.copyOf(byName.values());
    }

    private static Map<?, ?> values(Path valuesFile) {
        Object values;
        try {
            values = yaml(valuesFile);
        } catch (NoSuchFileException e) {
            throw new RuntimeParameterException("Runtime parameter values file does not exist! filepath: "
                    + valuesFile);
        } catch (IOException | YAMLException e) {
            throw new RuntimeParameterException("Invalid runtime parameter values YAML content! " + e.getMessage());
        }
        if (values == null || isEmpty(values)) {
            throw new RuntimeParameterException("Runtime parameter values YAML file is empty!");
        }
        if (!(values instanceof Map<?, ?> map)) {
            // DRUM fails here with an AttributeError; say what was wrong instead.
            throw new RuntimeParameterException("Invalid runtime parameter values YAML content! Expected a mapping "
                    + "of parameter names to values, got: " + PythonRepr.of(values));
        }
        return map;
    }

    private static Object yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    /** Python's falsiness of a YAML document: empty mappings, lists and strings, zero and false are "empty". */
    private static boolean isEmpty(Object value) {
        return value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> list && list.isEmpty()
                || value instanceof String text && text.isEmpty() || Boolean.FALSE.equals(value)
                || value instanceof Number number && number.doubleValue() == 0;
    }
}
