package dev.timpani.deploy;

import static dev.timpani.testing.HelmTemplate.get;
import static dev.timpani.testing.HelmTemplate.list;
import static dev.timpani.testing.HelmTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.timpani.testing.HelmTemplate;
import dev.timpani.testing.HelmTemplate.Rendered;
import dev.timpani.testing.PythonEnvScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders ({@code helm template}) and lints ({@code helm lint}) {@code helm/timpani} with helm-java, which carries
 * its own native Helm: no CLI, no cluster. If that native library cannot run, every test here fails; none skips.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/timpani");
    private static final String API_CHECK = "(.Capabilities.APIVersions.Has \"monitoring.coreos.com/v1\")";

    @Test
    void lintsWithoutWarnings() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void defaultsServeTheEmbeddedExampleWithProbesOnActuator() {
        Rendered rendered = render(Map.of());
        Map<String, Object> container = rendered.container();

        assertThat(rendered.kinds()).containsExactlyInAnyOrder("Deployment", "Service");
        assertThat(container.get("ports")).isEqualTo(
                List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")));
        assertThat(get(container, "livenessProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
        assertThat(get(container, "readinessProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "http"));
        assertThat(get(container, "startupProbe", "httpGet"))
                .isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
        int failureThreshold = (Integer) get(container, "startupProbe", "failureThreshold");
        int period = (Integer) get(container, "startupProbe", "periodSeconds");
        assertThat(failureThreshold * period).as("seconds the startup probe allows").isGreaterThanOrEqualTo(300);

        Map<String, Object> env = rendered.env();
        assertThat(env).containsEntry("TARGET_TYPE", "regression").containsEntry("CODE_DIR", "")
                .containsEntry("ADDRESS", "0.0.0.0:8080").containsEntry("WITH_ERROR_SERVER", "true")
                .containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -Djava.io.tmpdir=/tmp")
                .doesNotContainKeys("URL_PREFIX", "CLASS_LABELS", "POSITIVE_CLASS_LABEL", "NEGATIVE_CLASS_LABEL",
                        "TIMPANI_WORKERS_PYTHON");
        assertThat(rendered.volumes()).containsOnlyKeys("tmp");
        assertThat(rendered.podSpec()).doesNotContainKey("initContainers");
        assertThat(container.get("resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "500m", "memory", "1Gi"),
                "limits", Map.of("cpu", "2", "memory", "2Gi")));
        assertThat(get(rendered.deployment(), "spec", "replicas")).isEqualTo(1);
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
        Rendered rendered = render(Map.of());

        assertThat(rendered.podSpec().get("securityContext")).isEqualTo(Map.of(
                "runAsNonRoot", true, "runAsUser", 10001, "runAsGroup", 10001, "fsGroup", 10001,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        assertRestricted(map(rendered.container().get("securityContext")));
        assertThat(rendered.podSpec()).containsEntry("automountServiceAccountToken", false);
        assertThat(rendered.volumes().get("tmp")).isEqualTo(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "2Gi")));
        assertThat(rendered.mounts().get("tmp")).isEqualTo(Map.of("name", "tmp", "mountPath", "/tmp"));
    }

    @Test
    void tmpWithoutSizeLimitIsStillAnEmptyDir() {
        Rendered rendered = render(Map.of("tmp.sizeLimit", ""));

        assertThat(rendered.volumes().get("tmp")).isEqualTo(Map.of("name", "tmp", "emptyDir", Map.of()));
    }

    @Test
    void environmentComesFromValues(@TempDir Path folder) throws IOException {
        Path values = folder.resolve("iris.yaml");
        Files.writeString(values, """
                model:
                  targetType: multiclass
                  classLabels: [setosa, versicolor, virginica]
                urlPrefix: /deployments/iris
                extraEnv:
                  - name: TIMPANI_ENGINE_THREADS
                    valueFrom:
                      configMapKeyRef: {name: tuning, key: threads}
                """, StandardCharsets.UTF_8);
        Rendered multiclass = render(CHART, values, Map.of("extraEnv[1].name", "MAX_WORKERS",
                "extraEnv[1].value", "4"));

        assertThat(multiclass.env()).containsEntry("TARGET_TYPE", "multiclass")
                .containsEntry("CLASS_LABELS", "setosa versicolor virginica")
                .containsEntry("URL_PREFIX", "/deployments/iris")
                .containsEntry("MAX_WORKERS", "4");
        assertThat(list(multiclass.container().get("env"))).contains(Map.of("name", "TIMPANI_ENGINE_THREADS",
                "valueFrom", Map.of("configMapKeyRef", Map.of("name", "tuning", "key", "threads"))));
        // URL_PREFIX moves DRUM's routes, not Actuator's.
        assertThat(get(multiclass.container(), "readinessProbe", "httpGet", "path"))
                .isEqualTo("/actuator/health/readiness");

        // Numeric labels (--set parses them as numbers) must survive as strings, 0 included.
        Rendered binary = render(Map.of("model.targetType", "binary",
                "model.positiveClassLabel", "1", "model.negativeClassLabel", "0"));
        assertThat(binary.env()).containsEntry("TARGET_TYPE", "binary")
                .containsEntry("POSITIVE_CLASS_LABEL", "1").containsEntry("NEGATIVE_CLASS_LABEL", "0")
                .doesNotContainKey("CLASS_LABELS");
    }

    @Test
    void modelFromAPersistentVolumeClaim() {
        Rendered rendered = render(Map.of("model.source", "pvc", "model.pvc.claimName", "models",
                "model.pvc.subPath", "fraud/v3"));

        assertThat(rendered.volumes().get("model")).isEqualTo(Map.of("name", "model",
                "persistentVolumeClaim", Map.of("claimName", "models", "readOnly", true)));
        assertThat(rendered.mounts().get("model")).isEqualTo(Map.of("name", "model", "mountPath", "/opt/code",
                "readOnly", true, "subPath", "fraud/v3"));
        assertThat(rendered.env()).containsEntry("CODE_DIR", "/opt/code");
        assertThat(rendered.podSpec()).doesNotContainKey("initContainers");
    }

    @Test
    void modelFromAConfigMap() {
        Rendered rendered = render(Map.of("model.source", "configMap", "model.configMap.name", "iris-pmml"));

        assertThat(rendered.volumes().get("model")).isEqualTo(Map.of("name", "model",
                "configMap", Map.of("name", "iris-pmml")));
        assertThat(rendered.mounts().get("model")).isEqualTo(Map.of("name", "model", "mountPath", "/opt/code",
                "readOnly", true));
        assertThat(rendered.env()).containsEntry("CODE_DIR", "/opt/code");
        assertThat(rendered.podSpec()).doesNotContainKey("initContainers");
    }

    @Test
    void modelFromAnImageIsCopiedByAnInitContainer() {
        Rendered rendered = render(Map.of("model.source", "image",
                "model.image.repository", "registry.example.com/models/fraud", "model.image.tag", "v3"));

        assertThat(rendered.volumes().get("model")).isEqualTo(Map.of("name", "model", "emptyDir", Map.of()));
        assertThat(rendered.mounts().get("model")).isEqualTo(Map.of("name", "model", "mountPath", "/opt/code",
                "readOnly", true));
        List<Map<String, Object>> initContainers = list(rendered.podSpec().get("initContainers"));
        assertThat(initContainers).hasSize(1);
        Map<String, Object> init = initContainers.get(0);
        assertThat(init).containsEntry("image", "registry.example.com/models/fraud:v3");
        assertThat(init.get("volumeMounts")).isEqualTo(List.of(Map.of("name", "model", "mountPath", "/model-out")));
        assertThat(init.get("command")).isEqualTo(List.of("sh", "-c", "cp -R \"$MODEL_PATH\"/. /model-out/"));
        assertThat(init.get("env")).isEqualTo(List.of(Map.of("name", "MODEL_PATH", "value", "/model")));
        assertRestricted(map(init.get("securityContext")));
    }

    /**
     * The optional init-container mode: the image's venv copied into a writable emptyDir and the mounted folder's
     * requirements.txt installed on top by the image's python-env.sh, with the arguments PythonEnvIT runs it with;
     * the workers then run that venv.
     */
    @Test
    void installRequirementsMakesAVenvWithTheFoldersRequirementsBeforeTimpaniStarts() {
        Rendered rendered = render(Map.of("model.source", "pvc", "model.pvc.claimName", "models",
                "model.pvc.subPath", "fraud/v3", "python.installRequirements.enabled", "true",
                "python.installRequirements.env[0].name", "PIP_INDEX_URL",
                "python.installRequirements.env[0].value", "https://pypi.example.com/simple"));

        List<Map<String, Object>> initContainers = list(rendered.podSpec().get("initContainers"));
        assertThat(initContainers).hasSize(1);
        Map<String, Object> init = initContainers.get(0);
        assertThat(init).containsEntry("name", "install-requirements")
                .containsEntry("image", rendered.container().get("image"));
        assertThat(init.get("command")).isEqualTo(List.of("sh", "-c", "cp -R " + PythonEnvScript.IMAGE_VENV
                + "/. /opt/python/venv/ && exec /opt/timpani/python/" + PythonEnvScript.SCRIPT.getFileName() + " "
                + String.join(" ", PythonEnvScript.arguments(Path.of("/opt/python/venv"), Path.of("/opt/code")))));
        assertThat(init.get("env")).isEqualTo(List.of(Map.of("name", "PIP_INDEX_URL",
                "value", "https://pypi.example.com/simple")));
        assertThat(init.get("volumeMounts")).isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp"),
                Map.of("name", "python", "mountPath", "/opt/python"),
                Map.of("name", "model", "mountPath", "/opt/code", "readOnly", true, "subPath", "fraud/v3")));
        assertRestricted(map(init.get("securityContext")));
        assertThat(init.get("resources")).isEqualTo(Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi"),
                "limits", Map.of("memory", "1Gi")));

        assertThat(rendered.volumes().get("python")).isEqualTo(Map.of("name", "python",
                "emptyDir", Map.of("sizeLimit", "4Gi")));
        assertThat(rendered.mounts().get("python")).isEqualTo(Map.of("name", "python", "mountPath", "/opt/python",
                "readOnly", true));
        assertThat(rendered.env()).containsEntry("TIMPANI_WORKERS_PYTHON", "/opt/python/venv/bin/python");
    }

    @Test
    void installRequirementsRunsAfterTheModelIsCopiedOutOfItsImage() {
        Rendered rendered = render(Map.of("model.source", "image", "model.image.repository",
                "registry.example.com/models/fraud", "python.installRequirements.enabled", "true"));

        assertThat(list(rendered.podSpec().get("initContainers"))).extracting(init -> init.get("name"))
                .containsExactly("copy-model", "install-requirements");
        assertThatThrownBy(() -> render(Map.of("python.installRequirements.enabled", "true")))
                .hasMessageContaining("python.installRequirements needs a model folder with a requirements.txt: "
                        + "set model.source to pvc, configMap or image");
    }

    @Test
    void aModelSourceWithoutItsSettingsDoesNotRender() {
        assertThatThrownBy(() -> render(Map.of("model.source", "pvc")))
                .hasMessageContaining("model.pvc.claimName is required");
        assertThatThrownBy(() -> render(Map.of("model.source", "configMap")))
                .hasMessageContaining("model.configMap.name is required");
        assertThatThrownBy(() -> render(Map.of("model.source", "image")))
                .hasMessageContaining("model.image.repository is required");
        assertThatThrownBy(() -> render(Map.of("model.source", "s3")))
                .hasMessageContaining("model.source must be one of pvc, configMap, image, example");
    }

    @Test
    void autoscalerOnlyWhenEnabled() {
        Rendered rendered = render(Map.of("autoscaling.enabled", "true", "autoscaling.maxReplicas", "8"));

        Map<String, Object> hpa = rendered.single("HorizontalPodAutoscaler");
        assertThat(hpa).containsEntry("apiVersion", "autoscaling/v2");
        assertThat(get(hpa, "spec", "scaleTargetRef")).isEqualTo(
                Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "scoring-timpani"));
        assertThat(get(hpa, "spec", "maxReplicas")).isEqualTo(8);
        assertThat(get(hpa, "spec", "metrics")).isEqualTo(List.of(Map.of("type", "Resource", "resource",
                Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 70)))));
        assertThat(map(rendered.deployment().get("spec"))).as("the HPA owns the replica count")
                .doesNotContainKey("replicas");
        assertThat(render(Map.of()).kinds()).doesNotContain("HorizontalPodAutoscaler");
    }

    @Test
    void disruptionBudgetOnlyWhenEnabled() {
        Rendered rendered = render(Map.of("pdb.enabled", "true"));

        Map<String, Object> pdb = rendered.single("PodDisruptionBudget");
        assertThat(pdb).containsEntry("apiVersion", "policy/v1");
        assertThat(get(pdb, "spec", "minAvailable")).isEqualTo(1);
        assertThat(get(pdb, "spec", "selector", "matchLabels")).isEqualTo(get(rendered.deployment(), "spec",
                "selector", "matchLabels"));
        assertThat(render(Map.of()).kinds()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void serviceTargetsTheHttpPortOfThePods() {
        Rendered rendered = render(Map.of());

        Map<String, Object> service = rendered.single("Service");
        assertThat(get(service, "spec", "type")).isEqualTo("ClusterIP");
        assertThat(get(service, "spec", "ports")).isEqualTo(
                List.of(Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP")));
        assertThat(get(service, "spec", "selector")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "timpani", "app.kubernetes.io/instance", "scoring"));
        assertThat(map(get(rendered.deployment(), "spec", "template", "metadata", "labels")))
                .containsAllEntriesOf(map(get(service, "spec", "selector")))
                .containsKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by");
    }

    @Test
    void grpcIsOffByDefaultAndExposedOnItsOwnPortWhenEnabled() {
        assertThat(render(Map.of()).env()).containsEntry("TIMPANI_OIP_GRPC_ENABLED", "false")
                .doesNotContainKey("TIMPANI_OIP_GRPC_PORT");

        Rendered rendered = render(Map.of("grpc.enabled", "true", "grpc.port", "9001"));
        assertThat(rendered.env()).containsEntry("TIMPANI_OIP_GRPC_ENABLED", "true")
                .containsEntry("TIMPANI_OIP_GRPC_PORT", "9001");
        assertThat(rendered.container().get("ports")).isEqualTo(List.of(
                Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"),
                Map.of("name", "grpc", "containerPort", 9001, "protocol", "TCP")));
        assertThat(get(rendered.single("Service"), "spec", "ports")).isEqualTo(List.of(
                Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP"),
                Map.of("name", "grpc", "port", 9001, "targetPort", "grpc", "protocol", "TCP",
                        "appProtocol", "kubernetes.io/h2c")));
    }

    /**
     * Without the Prometheus operator's API no ServiceMonitor renders, even when enabled. helm-java 0.0.21's
     * template has no {@code --api-versions}, so "with the API" is rendered from a copy of the chart whose API check
     * (and only that) is replaced by {@code true}.
     */
    @Test
    void serviceMonitorOnlyWhenEnabledAndTheOperatorApiIsPresent(@TempDir Path copy) throws IOException {
        assertThat(render(Map.of("serviceMonitor.enabled", "true")).kinds()).doesNotContain("ServiceMonitor");

        copyChart(copy);
        Path template = copy.resolve("templates/servicemonitor.yaml");
        String source = Files.readString(template, StandardCharsets.UTF_8);
        assertThat(source).as("the API check the copy replaces").containsOnlyOnce(API_CHECK);
        Files.writeString(template, source.replace(API_CHECK, "true"), StandardCharsets.UTF_8);

        assertThat(render(copy, Map.of()).kinds()).as("API present, disabled").doesNotContain("ServiceMonitor");
        Rendered rendered = render(copy, Map.of("serviceMonitor.enabled", "true",
                "serviceMonitor.labels.release", "prometheus"));
        Map<String, Object> monitor = rendered.single("ServiceMonitor");
        assertThat(monitor).containsEntry("apiVersion", "monitoring.coreos.com/v1");
        assertThat(map(get(monitor, "metadata", "labels"))).containsEntry("release", "prometheus");
        assertThat(get(monitor, "spec", "endpoints")).isEqualTo(List.of(Map.of("port", "http",
                "path", "/actuator/prometheus", "interval", "30s", "scrapeTimeout", "10s")));
        assertThat(get(monitor, "spec", "selector", "matchLabels"))
                .isEqualTo(get(rendered.single("Service"), "spec", "selector"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void assertRestricted(Map<String, Object> securityContext) {
        assertThat(securityContext).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")))
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    private static Rendered render(Map<String, String> values) {
        return render(CHART, values);
    }

    private static Rendered render(Path chart, Map<String, String> values) {
        return render(chart, null, values);
    }

    private static Rendered render(Path chart, Path valuesFile, Map<String, String> values) {
        return HelmTemplate.render(chart, valuesFile, values);
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }
}
