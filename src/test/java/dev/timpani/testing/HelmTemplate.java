package dev.timpani.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code helm template} of a chart with helm-java (its own native Helm: no CLI, no cluster), as release
 * {@code scoring} in namespace {@code models}, and the rendered documents read back as maps.
 */
public final class HelmTemplate {

    private HelmTemplate() {
    }

    /** Renders {@code chart} with an optional values file ({@code null}: none) and {@code --set} values. */
    public static Rendered render(Path chart, Path valuesFile, Map<String, String> values) {
        TemplateCommand template = new Helm(chart).template().withName("scoring").withNamespace("models");
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        values.forEach(template::set);
        String yaml = template.call();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return new Rendered(documents);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    public static Object get(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            node = map(node).get(key);
        }
        return node;
    }

    /** The documents of one {@code helm template}. */
    public record Rendered(List<Map<String, Object>> documents) {

        public List<String> kinds() {
            return documents.stream().map(document -> (String) document.get("kind")).toList();
        }

        public Map<String, Object> single(String kind) {
            List<Map<String, Object>> matching = documents.stream()
                    .filter(document -> kind.equals(document.get("kind"))).toList();
            assertThat(matching).as("%s documents", kind).hasSize(1);
            return matching.get(0);
        }

        public Map<String, Object> deployment() {
            return single("Deployment");
        }

        public Map<String, Object> podSpec() {
            return map(get(deployment(), "spec", "template", "spec"));
        }

        public Map<String, Object> container() {
            List<Map<String, Object>> containers = list(podSpec().get("containers"));
            assertThat(containers).hasSize(1);
            return containers.get(0);
        }

        /** Environment variables with a plain value, by name. */
        public Map<String, Object> env() {
            Map<String, Object> env = new LinkedHashMap<>();
            for (Map<String, Object> variable : list(container().get("env"))) {
                env.put((String) variable.get("name"), variable.get("value"));
            }
            return env;
        }

        public Map<String, Object> volumes() {
            return byName(podSpec().get("volumes"));
        }

        public Map<String, Object> mounts() {
            return byName(container().get("volumeMounts"));
        }

        private static Map<String, Object> byName(Object entries) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Map<String, Object> entry : list(entries)) {
                byName.put(Objects.toString(entry.get("name")), entry);
            }
            return byName;
        }
    }
}
