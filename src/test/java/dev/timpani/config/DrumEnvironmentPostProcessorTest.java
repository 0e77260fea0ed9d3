package dev.timpani.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    /** Issue 21: no gRPC port unless asked for; a port asks, enabled=false still wins, enabled=true alone is 8081. */
    @Test
    void grpcListensOnlyWhenAskedFor() {
        assertThat(grpc(Map.of("ADDRESS", "127.0.0.1:6001")).enabled()).isFalse();
        assertThat(grpc(Map.of("TIMPANI_OIP_GRPC_PORT", "9001"))).satisfies(grpc -> {
            assertThat(grpc.enabled()).isTrue();
            assertThat(grpc.port()).isEqualTo(9001);
        });
        assertThat(grpc(Map.of("TIMPANI_OIP_GRPC_PORT", "9001", "TIMPANI_OIP_GRPC_ENABLED", "false")).enabled())
                .isFalse();
        assertThat(grpc(Map.of("TIMPANI_OIP_GRPC_ENABLED", "true"))).satisfies(grpc -> {
            assertThat(grpc.enabled()).isTrue();
            assertThat(grpc.port()).isEqualTo(8081);
        });
    }

    /** The gRPC settings the server binds from these process variables, after the post-processor ran. */
    private static TimpaniProperties.Grpc grpc(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        new DrumEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return Binder.get(environment).bindOrCreate("timpani", TimpaniProperties.class).oip().grpc();
    }

    @Test
    void normalisesUrlPrefixSlashes() {
        assertThat(UrlPrefix.normalize("/a/b/")).isEqualTo("/a/b");
        assertThat(UrlPrefix.normalize("a")).isEqualTo("/a");
        assertThat(UrlPrefix.normalize("//")).isEmpty();
        assertThat(UrlPrefix.normalize(null)).isEmpty();
    }
}
