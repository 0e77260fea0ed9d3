package dev.timpani.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DRUM's environment variables (R-CFG) become Timpani's properties in one place. */
class DrumEnvironmentPostProcessorTest {

    @Test
    void mapsDrumVariablesToProperties() {
        Map<String, Object> properties = DrumEnvironmentPostProcessor.fromVariables(Map.of(
                "CODE_DIR", "/opt/code", "TARGET_TYPE", "binary", "POSITIVE_CLASS_LABEL", "yes",
                "NEGATIVE_CLASS_LABEL", "no", "URL_PREFIX", "/p", "ADDRESS", "0.0.0.0:9000", "HOME", "/root", "DEPLOYMENT_CONFIG", "/d/c.json"));

        assertThat(properties).containsOnly(
                Map.entry("timpani.code-dir", "/opt/code"), Map.entry("timpani.target-type", "binary"),
                Map.entry("timpani.labels.positive", "yes"), Map.entry("timpani.labels.negative", "no"),
                Map.entry("timpani.url-prefix", "/p"), Map.entry("timpani.address", "0.0.0.0:9000"),
                Map.entry("timpani.drum.deployment-config", "/d/c.json"));
    }

    @Test
    void splitsClassLabelsOnWhiteSpace() {
        Map<String, Object> properties = DrumEnvironmentPostProcessor.fromVariables(Map.of("CLASS_LABELS", " a b\tc "));

        assertThat(properties).containsOnly(Map.entry("timpani.labels.class-labels[0]", "a"),
                Map.entry("timpani.labels.class-labels[1]", "b"), Map.entry("timpani.labels.class-labels[2]", "c"));
    }

    /** R-CFG-9: runtime parameters keep their exact names and text, blank included. */
    @Test
    void mapsRuntimeParameterVariablesByName() {
        Map<String, Object> properties = DrumEnvironmentPostProcessor.fromVariables(Map.of(
                "MLOPS_RUNTIME_PARAM_Some_Key", "{\"type\": \"string\", \"payload\": \"a\"}",
                "MLOPS_RUNTIME_PARAM_EMPTY", "", "MLOPS_RUNTIME_PARAM_", "no name"));

        assertThat(properties).containsOnly(
                Map.entry("timpani.drum.runtime-parameters[Some_Key]", "{\"type\": \"string\", \"payload\": \"a\"}"),
                Map.entry("timpani.drum.runtime-parameters[EMPTY]", ""));
    }

    @Test
    void readsAddressesInEveryDrumForm() {
        assertThat(DrumEnvironmentPostProcessor.serverProperties("127.0.0.1:6789"))
                .containsOnly(Map.entry("server.address", "127.0.0.1"), Map.entry("server.port", "6789"));
        assertThat(DrumEnvironmentPostProcessor.serverProperties(":8081")).containsOnly(Map.entry("server.port", "8081"));
        assertThat(DrumEnvironmentPostProcessor.serverProperties("8082")).containsOnly(Map.entry("server.port", "8082"));
        assertThat(DrumEnvironmentPostProcessor.serverProperties("localhost"))
                .containsOnly(Map.entry("server.address", "localhost"));
    }

    @Test
    void normalisesUrlPrefixSlashes() {
        assertThat(UrlPrefix.normalize("/a/b/")).isEqualTo("/a/b");
        assertThat(UrlPrefix.normalize("a")).isEqualTo("/a");
        assertThat(UrlPrefix.normalize("//")).isEmpty();
        assertThat(UrlPrefix.normalize(null)).isEmpty();
    }
}
