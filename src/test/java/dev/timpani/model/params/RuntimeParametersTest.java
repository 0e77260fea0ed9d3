package dev.timpani.model.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-RTP-1: every case of {@code drum-cases.json} — the answers DRUM's own runtime-parameter code gave, recorded by
 * running it — gets the same answer here: the same payload, or the same exception and exact message.
 */
class RuntimeParametersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path codeDir;

    static Stream<JsonNode> cases(String source) throws IOException {
        try (InputStream in = RuntimeParametersTest.class.getResourceAsStream("/runtime-parameters/drum-cases.json")) {
            JsonNode all = JSON.readTree(in).path("cases");
            return all.valueStream().filter(c -> c.path("source").asString().equals(source)).toList().stream();
        }
    }

    static Stream<JsonNode> variableCases() throws IOException {
        return cases("env");
    }

    static Stream<JsonNode> fileCases() throws IOException {
        return cases("file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variableCases")
    void variablesAreCheckedAsDrumChecksThemWhenRead(JsonNode drum) {
        RuntimeParameters parameters = RuntimeParameters.resolve(Map.of("X", drum.path("variable").asString()),
                null, codeDir);
        assertThat(parameters.values()).containsEntry("X", drum.path("variable").asString());
        if (drum.has("exception")) {
            assertThat(parameters.failures().get("X")).isEqualTo(new RuntimeParameters.Failure(
                    drum.path("exception").asString(), drum.path("message").asString()));
        } else {
            assertThat(parameters.failures()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCases")
    void valuesFilesAreCheckedAsDrumChecksThemAtStartUp(JsonNode drum) throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"), drum.path("metadata").asString());
        Path values = Files.writeString(codeDir.resolve("values.yaml"), drum.path("values").asString());
        if (drum.has("message")) {
            // A YAML syntax error names the parser's position in the file; the first line is the message.
            String expected = drum.path("message").asString().lines().findFirst().orElseThrow();
            assertThatThrownBy(() -> RuntimeParameters.resolve(Map.of(), values, codeDir))
                    .isInstanceOf(RuntimeParameterException.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst()).hasValue(expected));
            return;
        }
        RuntimeParameters parameters = RuntimeParameters.resolve(Map.of(), values, codeDir);
        Map<String, JsonNode> payloads = new LinkedHashMap<>();
        parameters.values().forEach((name, envelope) -> payloads.put(name, JSON.readTree(envelope).path("payload")));
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        drum.path("payloads").properties().forEach(e -> expected.put(e.getKey(), e.getValue()));
        assertThat(payloads).isEqualTo(expected);
        assertThat(parameters.failures()).isEmpty();
    }

    @Test
    void theValuesFileOverridesAVariableOfTheSameName() throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"),
                "runtimeParameterDefinitions:\n- fieldName: S\n  type: string\n");
        Path values = Files.writeString(codeDir.resolve("values.yaml"), "S: from the file\n");
        RuntimeParameters parameters = RuntimeParameters.resolve(Map.of("S", "not json", "T", "{\"type\": "
                + "\"string\", \"payload\": \"t\"}"), values, codeDir);
        assertThat(parameters.failures()).isEmpty();
        assertThat(parameters.workerEnvironment()).containsEntry("MLOPS_RUNTIME_PARAM_S",
                "{\"payload\":\"from the file\",\"type\":\"string\"}")
                .containsEntry("MLOPS_RUNTIME_PARAM_T", "{\"type\": \"string\", \"payload\": \"t\"}")
                .doesNotContainKey(RuntimeParameters.FAILURES_VARIABLE);
    }

    @Test
    void aValuesFileNeedsTheModelMetadata() throws IOException {
        Path values = Files.writeString(codeDir.resolve("values.yaml"), "S: x\n");
        assertThatThrownBy(() -> RuntimeParameters.resolve(Map.of(), values, codeDir))
                .hasMessage("model-metadata.yaml must exist to use runtime parameters");
    }

    @Test
    void aMissingValuesFileIsNamed() throws IOException {
        Files.writeString(codeDir.resolve("model-metadata.yaml"),
                "runtimeParameterDefinitions:\n- fieldName: S\n  type: string\n");
        Path missing = codeDir.resolve("nope.yaml");
        assertThatThrownBy(() -> RuntimeParameters.resolve(Map.of(), missing, codeDir))
                .hasMessage("Runtime parameter values file does not exist! filepath: " + missing);
    }

    @Test
    void failuresReachTheWorkerAsJson() {
        RuntimeParameters parameters = RuntimeParameters.resolve(Map.of("BAD", "{"), null, codeDir);
        JsonNode failures = JSON.readTree(parameters.workerEnvironment().get(RuntimeParameters.FAILURES_VARIABLE));
        assertThat(failures.path("BAD").path("exception").asString()).isEqualTo("InvalidJsonException");
        assertThat(failures.path("BAD").path("message").asString())
                .isEqualTo("Invalid runtime parameter json payload. payload={");
        assertThat(RuntimeParameters.checkVariable("{\"type\": \"numeric\", \"payload\": 1e400}")).isEmpty();
        assertThat(Optional.of(dev.timpani.data.PythonFloat.repr(1e-5))).hasValue("1e-05");
    }
}
