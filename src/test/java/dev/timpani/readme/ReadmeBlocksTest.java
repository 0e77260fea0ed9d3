package dev.timpani.readme;

import static dev.timpani.testing.HelmTemplate.get;
import static dev.timpani.testing.HelmTemplate.list;
import static dev.timpani.testing.HelmTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.timpani.testing.HelmTemplate;
import dev.timpani.testing.HelmTemplate.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every fenced block of README.md says what runs it (see {@link Runner}), and the blocks that need neither a
 * server nor a copy of the repository are run here: the Helm values files and the command CI runs.
 * {@link ReadmeIT} runs the rest, after {@code package}.
 */
class ReadmeBlocksTest {

    private static final Path CHART = Path.of("helm/timpani");

    private final Readme readme = Readme.read(Readme.FILE);

    @Test
    void everyBlockOfTheReadmeIsMarkedWithWhatRunsIt() {
        assertThat(readme.blocks()).as("README.md's fenced blocks").isNotEmpty();
        assertThat(readme.problems()).as("""
                Each fenced block of README.md needs, on the line right before it, <!-- readme-block: NAME --> \
                naming what runs it (%s), or <!-- readme-block: not-run: REASON -->""",
                List.of(Runner.values()).stream().map(Runner::marker).collect(Collectors.joining(", ")))
                .isEmpty();
    }

    @Test
    void findsUnmarkedBlocksStrayMarkersUnknownRunnersAndNotRunWithoutAReason() {
        Readme bad = Readme.parse("""
                # Title

                ```bash
                echo unmarked
                ```
                <!-- readme-block: exits -->

                <!-- readme-block: runs-somehow -->
                ~~~
                echo unknown
                ~~~
                <!-- readme-block: not-run: -->
                ````yaml
                a: 1
                ```
                still inside
                ````
                <!-- readme-block: exits -->
                ```bash
                echo fine
                ```
                """);

        assertThat(bad.blocks()).extracting(ReadmeBlock::line).containsExactly(3, 9, 13, 19);
        assertThat(bad.blocks().get(2).text()).isEqualTo("a: 1\n```\nstill inside");
        assertThat(bad.problems()).containsExactly(
                "README.md:3 (echo unmarked) has no <!-- readme-block: ... --> marker on the line before it",
                "README.md:9 (echo unknown) names no known runner: 'runs-somehow'",
                "README.md:13 (a: 1) is not-run without a reason",
                "README.md:6 is a readme-block marker not right before a fenced block");
        assertThat(bad.runBy(Runner.EXITS)).extracting(ReadmeBlock::line).containsExactly(19);
    }

    @Test
    void blocksGiveTheirCommandsTheirClaimAndTheirTextOnAnotherPort() {
        ReadmeBlock block = new ReadmeBlock(7, "example-curl", """
                curl -X POST -F X=@input.csv \\
                    http://localhost:8080/predict/
                # {"predictions":[21.15,...]}
                java -jar timpani.jar server --address 0.0.0.0:8080""");

        assertThat(block.commands()).containsExactly("curl -X POST -F X=@input.csv http://localhost:8080/predict/",
                "java -jar timpani.jar server --address 0.0.0.0:8080");
        assertThat(block.claimedOutput()).contains("{\"predictions\":[21.15,...]}");
        assertThat(block.onPort(4711)).contains("http://127.0.0.1:4711/predict/", "--address 127.0.0.1:4711")
                .doesNotContain("8080");
        ReadmeBlock elsewhere = new ReadmeBlock(9, "exits", "curl http://127.0.0.1:8080/ping/");
        assertThat(catchThrowable(() -> elsewhere.onPort(4711)))
                .hasMessageContaining("README.md:9 (curl http://127.0.0.1:8080/ping/) names port 8080");
    }

    @Test
    void ciRunsTheCommandsOfTheBlocksMarkedCi() throws IOException {
        List<String> ci = Files.readAllLines(Path.of(".ci/run"), StandardCharsets.UTF_8).stream()
                .map(String::strip).toList();

        assertThat(readme.runBy(Runner.CI)).as("the README's test command").isNotEmpty();
        for (ReadmeBlock block : readme.runBy(Runner.CI)) {
            assertThat(ci).as(".ci/run runs %s", block.label()).containsAll(block.commands());
        }
    }

    /**
     * Each values file renders, and into what it sets: the image, the target type and labels, and the model
     * folder from the source it names, mounted at /opt/code.
     */
    @Test
    void helmValuesBlocksRenderWhatTheySet(@TempDir Path folder) throws IOException {
        assertThat(readme.runBy(Runner.HELM_VALUES)).isNotEmpty();
        for (ReadmeBlock block : readme.runBy(Runner.HELM_VALUES)) {
            Path file = Files.writeString(folder.resolve("values-" + block.line() + ".yaml"), block.text());
            Map<String, Object> values = map(new Yaml().load(block.text()));
            Map<String, Object> model = map(values.get("model"));

            Rendered rendered = HelmTemplate.render(CHART, file, Map.of());

            String as = block.label();
            assertThat((String) rendered.container().get("image")).as(as)
                    .startsWith(get(values, "image", "repository") + ":");
            Map<String, Object> env = rendered.env();
            assertThat(env).as(as).containsEntry("TARGET_TYPE", model.get("targetType"))
                    .containsEntry("CODE_DIR", "/opt/code");
            if (model.containsKey("positiveClassLabel")) {
                assertThat(env).as(as).containsEntry("POSITIVE_CLASS_LABEL", model.get("positiveClassLabel"))
                        .containsEntry("NEGATIVE_CLASS_LABEL", model.get("negativeClassLabel"));
            }
            if (model.containsKey("classLabels")) {
                assertThat(env).as(as).containsEntry("CLASS_LABELS",
                        String.join(" ", ((List<?>) model.get("classLabels")).stream().map(String::valueOf).toList()));
            }
            assertThat(rendered.mounts().get("model")).as(as).isEqualTo(modelMount(model));
            Map<String, Object> volume = map(rendered.volumes().get("model"));
            switch ((String) model.get("source")) {
                case "pvc" -> assertThat(get(volume, "persistentVolumeClaim", "claimName")).as(as)
                        .isEqualTo(get(model, "pvc", "claimName"));
                case "configMap" -> assertThat(get(volume, "configMap", "name")).as(as)
                        .isEqualTo(get(model, "configMap", "name"));
                case "image" -> assertThat(list(rendered.podSpec().get("initContainers"))).as(as)
                        .extracting(container -> container.get("image"))
                        .containsExactly(get(model, "image", "repository") + ":" + get(model, "image", "tag"));
                default -> throw new AssertionError(as + ": model.source " + model.get("source"));
            }
        }
    }

    private static Map<String, Object> modelMount(Map<String, Object> model) {
        Object subPath = model.get("pvc") instanceof Map<?, ?> pvc ? pvc.get("subPath") : null;
        return subPath == null
                ? Map.of("name", "model", "mountPath", "/opt/code", "readOnly", true)
                : Map.of("name", "model", "mountPath", "/opt/code", "readOnly", true, "subPath", subPath);
    }
}
