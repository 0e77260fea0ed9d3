package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.PythonEnvScript;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile read as text, since no Docker engine is needed here: what the image runs as, listens on and
 * starts with, and that everything it copies from the build context exists and is not excluded by .dockerignore.
 * {@link DockerImageIT} builds and runs it where Docker is available.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Pattern FROM = Pattern.compile("(?i)FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");

    private final List<Instruction> instructions = parse(DOCKERFILE);

    @Test
    void runtimeIsTheTemurinJdkAsAFixedNonRootUser() {
        Stage runtime = runtime();

        assertThat(runtime.name()).isEqualTo("runtime");
        assertThat(runtime.base()).as("a JDK: the H2O POJO loader compiles Java").isEqualTo("eclipse-temurin:25-jdk");
        List<String> users = values(runtime, "USER");
        assertThat(users).as("USER of the runtime").hasSize(1);
        assertThat(users.get(0)).as("a numeric uid, so runAsNonRoot can verify it").matches("\\d+(:\\d+)?");
        assertThat(users.get(0).split(":")[0]).isEqualTo("10001").isEqualTo(chartRunAsUser());
        assertThat(values(runtime, "EXPOSE")).containsExactly("8080", "8081");
        assertThat(values(runtime, "WORKDIR")).containsExactly("/opt/timpani");
        assertThat(String.join("\n", values(runtime, "RUN"))).contains("useradd --system --uid 10001 --gid 10001",
                "libgomp1");
    }

    @Test
    void entrypointIsDrumCompatible() {
        List<String> entrypoints = values(runtime(), "ENTRYPOINT");

        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.get(0)).startsWith("[\"sh\", \"-c\", \"exec java -XX:AOTCache=/opt/timpani/timpani.aot"
                + " $JAVA_OPTS -jar /opt/timpani/timpani.jar server \\\"$@\\\"\"");
    }

    @Test
    void aotCacheIsTrainedOnTheJarAndOptionsTheEntrypointUses() {
        List<String> steps = runtime().instructions().stream().map(Instruction::toString).toList();
        String training = steps.stream().filter(step -> step.contains("-XX:AOTCacheOutput=")).findFirst()
                .orElseThrow(() -> new AssertionError("no AOT cache training run in the runtime stage"));

        assertThat(training).startsWith("RUN ").contains("-XX:AOTCacheOutput=/opt/timpani/timpani.aot",
                "-Dtimpani.training-run=true", "$JAVA_OPTS -jar /opt/timpani/timpani.jar server --address 127.0.0.1:0",
                "test -s /opt/timpani/timpani.aot", "rm -rf /tmp/*");
        // After every file it caches and after JAVA_OPTS is set; as root, before USER, so it can write the cache.
        assertThat(steps).containsSubsequence("COPY --from=build /build/target/extracted/application/ /opt/timpani/",
                steps.stream().filter(step -> step.startsWith("ENV ") && step.contains("JAVA_OPTS=")).findFirst()
                        .orElseThrow(), training, "USER 10001:10001");
    }

    @Test
    void environmentDefaults() {
        String env = String.join("\n", values(runtime(), "ENV"));

        // The V2 gRPC service is off unless asked for; the image asks, on the 8081 it EXPOSEs.
        assertThat(env).contains("CODE_DIR=/opt/code", "ADDRESS=0.0.0.0:8080", "WITH_ERROR_SERVER=true",
                "TIMPANI_OIP_GRPC_ENABLED=true",
                "JAVA_OPTS=\"-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k"
                        + " -Djava.io.tmpdir=/tmp\"", "MALLOC_ARENA_MAX=2", "HOME=/tmp");
    }

    @Test
    void withPythonInstallsAVenvWithTheScriptPythonEnvItRuns() {
        Stage runtime = runtime();
        String run = String.join("\n", values(runtime, "RUN"));

        assertThat(instructions.subList(0, 2)).as("the build arguments, before the first FROM, off by default")
                .containsExactly(new Instruction("ARG", "WITH_PYTHON=false"), new Instruction("ARG", "MODEL_DIR="));
        assertThat(values(runtime, "ARG")).containsExactly("WITH_PYTHON", "MODEL_DIR");
        // The distribution's Python and venv module only: the libraries come from the pinned base, never from
        // python3-sklearn and the like, whose versions are the distribution's.
        assertThat(run).contains("case \"$WITH_PYTHON\" in", "true) python=\"python3 python3-venv\"",
                "false) python=\"\"", "exit 1", "--no-install-recommends libgomp1 $python")
                .doesNotContain("python3-sklearn", "python3-pandas", "pip install");

        // The script and its base land together (it reads the base beside itself), and MODEL_DIR's requirements.txt
        // with them; nothing matches the pattern without MODEL_DIR, as the context has no requirements.txt.
        Instruction copy = runtime.instructions().stream().filter(instruction -> instruction.keyword().equals("COPY")
                && instruction.arguments().contains(PythonEnvScript.SCRIPT.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY of " + PythonEnvScript.SCRIPT));
        String pythonDir = "/opt/timpani/python/";
        assertThat(copy.arguments()).isEqualTo(PythonEnvScript.SCRIPT + " " + PythonEnvScript.BASE_REQUIREMENTS
                + " ./${MODEL_DIR}/requirements.tx[t] " + pythonDir);
        assertThat(Path.of("requirements.txt")).as("a requirements.txt the pattern would take without MODEL_DIR")
                .doesNotExist();

        // The same script with the same arguments as PythonEnvScript.command(venv, model folder): the venv that
        // TIMPANI_WORKERS_PYTHON points into, and the folder holding the model's requirements.txt.
        Matcher call = Pattern.compile("(\\S*python-env\\.sh) (\\S+) (\\S+) ;;").matcher(run);
        assertThat(call.find()).as("a python-env.sh call in:\n" + run).isTrue();
        assertThat(call.group(1)).isEqualTo(pythonDir + PythonEnvScript.SCRIPT.getFileName());
        assertThat(List.of(call.group(2), call.group(3))).isEqualTo(PythonEnvScript.arguments(
                Path.of(PythonEnvScript.IMAGE_VENV), Path.of(pythonDir)));
        assertThat(run).contains("true) " + call.group(), "MODEL_DIR needs WITH_PYTHON=true",
                "has no requirements.txt inside the build context");
        assertThat(values(runtime, "ENV")).anyMatch(env -> env.contains(
                "TIMPANI_WORKERS_PYTHON=" + PythonEnvScript.IMAGE_VENV + "/bin/python "));

        // Before the application: the (large) venv layer is reused when only the jar changes.
        List<String> steps = runtime.instructions().stream().map(Instruction::toString).toList();
        assertThat(steps).containsSubsequence(copy.toString(), steps.stream()
                .filter(step -> step.contains(call.group())).findFirst().orElseThrow(),
                "COPY --from=build /build/target/extracted/dependencies/ /opt/timpani/");
    }

    @Test
    void buildStageCachesDependenciesBeforeCopyingSources() {
        Stage build = stages().get("build");

        assertThat(build.base()).isEqualTo("eclipse-temurin:17-jdk");
        List<String> steps = build.instructions().stream().map(Instruction::toString).toList();
        assertThat(steps).containsSubsequence("COPY mvnw pom.xml ./", "COPY .mvn .mvn",
                "RUN ./mvnw -B dependency:go-offline", "COPY src src", "RUN ./mvnw -B -DskipTests package",
                "RUN java -Djarmode=tools -jar target/timpani.jar extract --layers --destination target/extracted");
        // The extracted layout, libraries before the application (ExtractedLayoutIT runs the same layout).
        assertThat(values(runtime(), "COPY").stream().filter(copy -> copy.startsWith("--from="))).containsExactly(
                "--from=build /build/target/extracted/dependencies/ /opt/timpani/",
                "--from=build /build/target/extracted/snapshot-dependencies/ /opt/timpani/",
                "--from=build /build/target/extracted/application/ /opt/timpani/");
    }

    @Test
    void copiedFilesExistAndAreNotIgnored() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).as("the jar name the runtime stage copies").contains("<finalName>timpani</finalName>");
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        List<String> sources = new ArrayList<>();
        for (Instruction copy : instructions) {
            if (copy.keyword().equals("COPY") && !copy.arguments().startsWith("--from=")) {
                List<String> words = List.of(copy.arguments().split("\\s+"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        assertThat(sources).containsExactlyInAnyOrder("mvnw", "pom.xml", ".mvn", "src", "examples", "openapi",
                "deploy/python/python-env.sh", "deploy/python/base-requirements.txt", "./${MODEL_DIR}/requirements.tx[t]");
        // A pattern of a build argument names the user's folder, not one of ours.
        sources.removeIf(source -> source.contains("${"));
        for (String source : sources) {
            assertThat(Path.of(source)).as("COPY source " + source).exists();
            String top = source.split("/")[0];
            assertThat(ignored).as(".dockerignore must not exclude " + source)
                    .doesNotContain(source, source + "/", top, top + "/");
        }
        assertThat(Files.isExecutable(Path.of("mvnw"))).as("mvnw is executable (RUN ./mvnw)").isTrue();
        assertThat(Files.isExecutable(PythonEnvScript.SCRIPT)).as("the image runs the script itself").isTrue();
        // A folder the build reads (a <resource> of pom.xml) but the build stage does not copy would silently be
        // missing from the image's jar.
        Matcher resource = Pattern.compile("<directory>([^<]+)</directory>").matcher(pom);
        while (resource.find()) {
            String top = resource.group(1).replace("${project.basedir}/", "").split("/")[0];
            assertThat(sources).as("pom.xml resource folder " + resource.group(1) + " is copied").contains(top);
        }
        assertThat(ignored).contains("target", ".git");
    }

    // ---- a small Dockerfile reader: continuation lines joined, comments dropped -------------------------------

    record Instruction(String keyword, String arguments) {
        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    record Stage(String base, String name, List<Instruction> instructions) {
    }

    private static List<Instruction> parse(Path dockerfile) {
        List<Instruction> parsed = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                String instruction = current.toString().replaceAll("\\s+", " ").strip();
                current.setLength(0);
                if (!instruction.isEmpty()) {
                    int space = instruction.indexOf(' ');
                    parsed.add(new Instruction(instruction.substring(0, space).toUpperCase(),
                            instruction.substring(space + 1)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return parsed;
    }

    private Map<String, Stage> stages() {
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage stage = null;
        int index = 0;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                Matcher from = FROM.matcher(instruction.toString());
                assertThat(from.matches()).as(instruction.toString()).isTrue();
                String name = from.group(2) != null ? from.group(2) : String.valueOf(index);
                stage = new Stage(from.group(1), name, new ArrayList<>());
                stages.put(name, stage);
                index++;
            } else if (stage != null) {
                stage.instructions().add(instruction);
            }
        }
        return stages;
    }

    /** The last stage: what {@code docker build} without {@code --target} produces. */
    private Stage runtime() {
        List<Stage> stages = new ArrayList<>(stages().values());
        return stages.get(stages.size() - 1);
    }

    private static List<String> values(Stage stage, String keyword) {
        return stage.instructions().stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    @SuppressWarnings("unchecked")
    private static String chartRunAsUser() {
        try (Reader reader = Files.newBufferedReader(Path.of("helm/timpani/values.yaml"))) {
            Map<String, Object> values = new Yaml().load(reader);
            return String.valueOf(((Map<String, Object>) values.get("podSecurityContext")).get("runAsUser"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
