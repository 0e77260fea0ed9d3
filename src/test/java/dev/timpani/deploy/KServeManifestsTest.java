package dev.timpani.deploy;

import static dev.timpani.testing.HelmTemplate.get;
import static dev.timpani.testing.HelmTemplate.list;
import static dev.timpani.testing.HelmTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.config.DrumEnvironmentPostProcessor;
import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.TargetType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kserve: the ClusterServingRuntime and the example InferenceService parse, name each other, and configure the
 * server with variables and paths it really reads and serves.
 */
class KServeManifestsTest {

    private static final Path DIR = Path.of("deploy/kserve");

    @Test
    void runtimeServesDrumFoldersOverV2OnKServesPorts() throws IOException {
        Map<String, Object> runtime = load("cluster-serving-runtime.yaml");
        assertThat(runtime).containsEntry("apiVersion", "serving.kserve.io/v1alpha1")
                .containsEntry("kind", "ClusterServingRuntime");
        assertThat(get(runtime, "metadata", "name")).isEqualTo("timpani");
        assertThat(list(get(runtime, "spec", "protocolVersions"))).isEqualTo(List.of("v2", "grpc-v2"));
        assertThat(map(get(runtime, "spec", "annotations")))
                .containsEntry("prometheus.kserve.io/path", "/actuator/prometheus");

        Map<String, Object> container = list(get(runtime, "spec", "containers")).get(0);
        assertThat(container).containsEntry("name", "kserve-container");
        Map<String, Object> env = env(container);
        assertThat(env).containsEntry("CODE_DIR", "/mnt/models").containsEntry("ADDRESS", "0.0.0.0:8080")
                .containsEntry("TIMPANI_OIP_MODEL_NAME", "{{.Name}}").containsEntry("TIMPANI_OIP_GRPC_ENABLED", "true")
                .containsEntry("TIMPANI_OIP_GRPC_PORT", "8081");
        assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/v2/health/ready");
        assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/v2/health/live");
        assertThat(get(container, "ports")).isEqualTo(List.of(Map.of("containerPort", 8080, "protocol", "TCP")));
    }

    @Test
    void exampleInferenceServiceUsesTheRuntimeAndAValidTargetType() throws IOException {
        Map<String, Object> runtime = load("cluster-serving-runtime.yaml");
        Map<String, Object> service = load("inference-service.yaml");
        assertThat(service).containsEntry("apiVersion", "serving.kserve.io/v1beta1")
                .containsEntry("kind", "InferenceService");
        Map<String, Object> model = map(get(service, "spec", "predictor", "model"));
        assertThat(model).containsEntry("runtime", get(runtime, "metadata", "name"))
                .containsEntry("protocolVersion", "v2");
        assertThat(list(get(runtime, "spec", "supportedModelFormats")).stream().map(format -> format.get("name")))
                .contains(get(model, "modelFormat", "name"));
        assertThat((String) model.get("storageUri")).isNotBlank();
        assertThat(TargetType.parse((String) env(model).get("TARGET_TYPE"))).isEqualTo(TargetType.REGRESSION);
    }

    /** The pod's variables (the runtime's and the InferenceService's) read as the server reads its environment. */
    @Test
    void theServerReadsThePodsVariablesAsIntended() throws IOException {
        Map<String, Object> variables = new HashMap<>(env(list(get(load("cluster-serving-runtime.yaml"), "spec",
                "containers")).get(0)));
        variables.putAll(env(map(get(load("inference-service.yaml"), "spec", "predictor", "model"))));
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return variables;
            }
        };
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        new DrumEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        TimpaniProperties properties = Binder.get(environment).bind("timpani", TimpaniProperties.class).get();
        assertThat(properties.codeDir()).isEqualTo(Path.of("/mnt/models"));
        assertThat(properties.targetType()).isEqualTo("regression");
        assertThat(properties.drum().withErrorServer()).isTrue();
        assertThat(properties.oip().modelName()).isEqualTo("{{.Name}}");
        assertThat(properties.oip().grpc().enabled()).isTrue();
        assertThat(properties.oip().grpc().port()).isEqualTo(8081);
        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> entry : list(container.get("env"))) {
            env.put((String) entry.get("name"), (String) entry.get("value"));
        }
        return env;
    }

    private static Map<String, Object> load(String file) throws IOException {
        return new Yaml().load(Files.readString(DIR.resolve(file)));
    }
}
