package dev.timpani.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs README blocks as a user types them: with bash, in a copy of the repository, stopping at the first failing
 * command. The environment is the test's, minus DRUM's and Timpani's own variables (a block must not pass
 * thanks to a variable the README never mentions), with {@code HOME} and {@code TMPDIR} in the test's folder,
 * this JVM's {@code java} first on the path, and Maven offline on the local repository the build used.
 */
final class BlockShell {

    private static final List<String> DRUM_VARIABLES = List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX",
            "POSITIVE_CLASS_LABEL", "NEGATIVE_CLASS_LABEL", "CLASS_LABELS", "CLASS_LABELS_FILE", "MAX_WORKERS",
            "DEPLOYMENT_CONFIG", "MONITOR", "TARGET_NAME");

    private final Path directory;
    private final Path logs;
    private final Map<String, String> environment;
    private int runs;

    BlockShell(Path directory, Path work) throws IOException {
        this.directory = directory;
        this.logs = Files.createDirectories(work.resolve("logs"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> DRUM_VARIABLES.contains(name) || name.startsWith("TIMPANI_"));
        String javaHome = System.getProperty("java.home");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", Path.of(javaHome, "bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        // The Maven wrapper finds its Maven under MAVEN_USER_HOME (default $HOME/.m2), and HOME moves below.
        env.putIfAbsent("MAVEN_USER_HOME", Path.of(System.getProperty("user.home"), ".m2").toString());
        String repository = System.getProperty("timpani.maven.repo", "");
        env.put("MAVEN_ARGS", "-o -B" + (repository.isEmpty() ? "" : " -Dmaven.repo.local=" + repository));
        env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
        env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
        this.environment = Map.copyOf(env);
    }

    Path directory() {
        return directory;
    }

    /** Runs {@code script} to its end; fails if it takes longer than {@code timeout}. */
    Result run(String script, Map<String, String> env, Duration timeout) throws Exception {
        int run = ++runs;
        Path out = logs.resolve("run-" + run + ".out");
        Path err = logs.resolve("run-" + run + ".err");
        Process process = builder(script, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            Background.stop(process);
            throw new AssertionError("Still running after " + timeout + ":\n" + script + "\n" + read(out) + read(err));
        }
        return new Result(script, process.exitValue(), read(out), read(err));
    }

    /** Starts {@code script} in a process group of its own, its output in a log; close stops the whole group. */
    Background start(String script, Map<String, String> env) throws IOException {
        Path log = logs.resolve("background-" + ++runs + ".log");
        Process process = builder(script, env).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Background(process, log);
    }

    private ProcessBuilder builder(String script, Map<String, String> env) {
        // setsid: a group of its own, so stopping it reaches Maven's forked JVM too; -e: stop at the first failure.
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-e", "-o", "pipefail", "-c", script)
                .directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(env);
        return builder;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** A finished script: its exit code, standard output and standard error. */
    record Result(String script, int exitCode, String out, String err) {

        String describe() {
            return "exit " + exitCode + " of:\n" + script + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** A script running in its own process group (a server), with its log. */
    record Background(Process process, Path log) implements AutoCloseable {

        String output() throws IOException {
            return read(log);
        }

        @Override
        public void close() throws Exception {
            stop(process);
        }

        /** SIGTERM to the group (a server drains and exits), SIGKILL to whatever is left after 30 s. */
        static void stop(Process process) throws Exception {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            signal(process, "-TERM");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (ProcessHandle handle : all) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    try {
                        handle.onExit().get(left, TimeUnit.NANOSECONDS);
                    } catch (TimeoutException stillRunning) {
                        break;
                    }
                }
            }
            signal(process, "-KILL");
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }

        private static void signal(Process process, String signal) throws Exception {
            // setsid made the script's pid its process group id.
            new ProcessBuilder("kill", signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
