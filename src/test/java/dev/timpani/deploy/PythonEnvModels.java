package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models of src/test/resources/python-env, made at test time by {@code make_models.py} in a venv of
 * {@code python-env.sh}, with the libraries' own predictions as the expected answers (PythonEnvIT, DockerImageIT).
 */
final class PythonEnvModels {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PythonEnvModels() {
    }

    /**
     * Runs {@code make_models.py KIND OUT} with the venv's interpreter: OUT/model holds the model, OUT/input.csv the
     * rows, OUT/expected.json the library's versions and predictions.
     */
    static Path make(Path python, String kind, Path out) throws IOException, InterruptedException {
        Path script = Files.createDirectories(out).resolve("make_models.py");
        copyResource("make_models.py", script);
        Process process = new ProcessBuilder(python.toString(), script.toString(), kind, out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }

    /** The model folder of lightgbm-model (custom.py importing lightgbm, requirements.txt naming it) in FOLDER. */
    static Path lightgbmFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String file : List.of("custom.py", "requirements.txt")) {
            copyResource("lightgbm-model/" + file, folder.resolve(file));
        }
        return folder;
    }

    /** The versions of the libraries that made the model, by package name. */
    static Map<String, String> versions(Path made) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        JSON.readTree(made.resolve("expected.json").toFile()).path("versions").properties()
                .forEach(entry -> versions.put(entry.getKey(), entry.getValue().asString()));
        return versions;
    }

    /** The library's predictions on input.csv. Compared exactly: the worker runs the very library, on that csv. */
    static Double[] expected(Path made) throws IOException {
        return predictions(JSON.readTree(made.resolve("expected.json").toFile()));
    }

    /** The {@code predictions} of a regression answer (or of expected.json). */
    static Double[] predictions(JsonNode answer) {
        List<Double> values = new ArrayList<>();
        answer.path("predictions").forEach(value -> values.add(value.asDouble()));
        assertThat(values).as("predictions in %s", answer).isNotEmpty();
        return values.toArray(Double[]::new);
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = PythonEnvModels.class.getResourceAsStream("/python-env/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
