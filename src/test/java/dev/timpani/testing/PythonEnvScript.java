package dev.timpani.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code deploy/python/python-env.sh}, the one install script of the image's Python side, run here without Docker:
 * the venv is made with {@link PythonSupport#PYTHON} and pip installs from this machine's configured index. The
 * Dockerfile runs it with the same {@link #arguments}: {@link #IMAGE_VENV} and the folder holding the requirements.txt
 * of MODEL_DIR, if any (DockerfileTest); a test with its own venv and model folder.
 */
public final class PythonEnvScript {

    public static final Path SCRIPT = Path.of("deploy/python/python-env.sh");
    /** The pinned base the script installs, beside it. */
    public static final Path BASE_REQUIREMENTS = Path.of("deploy/python/base-requirements.txt");
    /** Where the image's venv is; its {@code bin/python} is the image's TIMPANI_WORKERS_PYTHON. */
    public static final String IMAGE_VENV = "/opt/timpani/venv";

    private PythonEnvScript() {
    }

    /** The script and its {@link #arguments}. */
    public static List<String> command(Path venv, Path modelDir) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toAbsolutePath().toString()));
        command.addAll(arguments(venv.toAbsolutePath(), modelDir == null ? null : modelDir.toAbsolutePath()));
        return command;
    }

    /** The venv, and the folder whose requirements.txt goes on top of the base (null: none). */
    public static List<String> arguments(Path venv, Path modelDir) {
        return modelDir == null ? List.of(venv.toString()) : List.of(venv.toString(), modelDir.toString());
    }

    /**
     * Runs the script and returns the venv's interpreter. Where the machine cannot make a venv or pip finds no
     * index, the test is skipped with the script's last words, or fails with them under TIMPANI_REQUIRE_ALL_TESTS.
     */
    public static Path install(Path venv, Path modelDir, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(venv, modelDir)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PYTHON", PythonSupport.PYTHON);
        // pip asks its default index first for every package, then the configured local ones; where the default
        // index cannot be reached, each of its retries waits: 5 retries made the install 1 min 51 s here, none 14 s.
        builder.environment().putIfAbsent("PIP_RETRIES", "0");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " did not finish within 15 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            List<String> lines = output.lines().toList();
            String problem = SCRIPT + " " + venv + (modelDir == null ? "" : " " + modelDir) + " exited with "
                    + process.exitValue() + ": " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15),
                    lines.size()));
            boolean machine = output.contains("ensurepip is not available") || output.contains("No module named venv")
                    || output.contains("No matching distribution found");
            if (machine && !RequireAll.enabled()) {
                Assumptions.abort("this machine cannot make the venv (python3-venv, a pip index): " + problem);
            }
            throw new IllegalStateException(problem);
        }
        return venv.toAbsolutePath().resolve("bin/python");
    }
}
