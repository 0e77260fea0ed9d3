package dev.timpani.hooks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: a Python process running {@code worker.py} (or R running {@code worker.R}), spoken to with
 * {@link Wire} frames over its stdin and stdout (R: fds 4 and 3, see {@link WorkerLanguage#R}). Its stderr
 * (user prints, logging, tracebacks) is read on a thread and logged tagged with the worker id; the last lines are kept for error messages. Not thread-safe: the pool lends a worker to one request at a
 * time.
 */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger("dev.timpani.hooks.worker");
    private static final int KEPT_LINES = 40;

    private final int id;
    private final WorkerLanguage language;
    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private final Thread stderrPump;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile boolean timedOut;
    private volatile boolean broken;

    private WorkerProcess(int id, WorkerLanguage language, Process process) {
        this.id = id;
        this.language = language;
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.stderrPump = new Thread(this::pumpStderr, "timpani-worker-" + id + "-stderr");
        this.stderrPump.setDaemon(true);
        this.stderrPump.start();
    }

    static WorkerProcess start(int id, WorkerSettings settings, WorkerLanguage language, WorkerScripts scripts,
                               Path codeDir) throws IOException {
        String interpreter = settings.interpreter(language);
        if (language.startsThroughShell() && !executableExists(interpreter)) {
            throw new IOException("no such executable (looked on PATH)");
        }
        ProcessBuilder builder = new ProcessBuilder(language.command(interpreter, scripts.worker()))
                .directory(codeDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        language.environment(env, scripts.directory());
        env.put("TIMPANI_WORKER_ID", Integer.toString(id));
        // What the worker checks its own files against before it serves anything (WorkerScripts).
        env.put("TIMPANI_WORKER_VERSION", scripts.version());
        String threads = Integer.toString(Math.max(1, settings.engineThreads()));
        for (String variable : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            env.putIfAbsent(variable, threads);
        }
        env.putAll(settings.environment());
        return new WorkerProcess(id, language, builder.start());
    }

    /** A command with a slash must be an executable file; a bare name must be one in a {@code PATH} directory. */
    static boolean executableExists(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }

    int id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    boolean usable() {
        return !broken && process.isAlive();
    }

    /**
     * Sends one request and waits for its answer, at most {@code timeout}: past it the process is killed.
     * A worker that dies, hangs or breaks the framing is {@link WorkerFailedException} and never used again.
     */
    Wire.Message call(Map<String, ?> meta, byte[] body, Duration timeout, ScheduledExecutorService watchdog) {
        return exchange(meta.get("op"), timeout, watchdog, () -> {
            Wire.write(requests, meta, body);
            return Wire.read(answers);
        });
    }

    /**
     * The next frame of a request answered with several (a streamed {@code chat}), at most {@code timeout} after
     * the previous one; failures as in {@link #call}.
     */
    Wire.Message next(Object op, Duration timeout, ScheduledExecutorService watchdog) {
        return exchange(op, timeout, watchdog, () -> Wire.read(answers));
    }

    private interface Io {
        Wire.Message run() throws IOException;
    }

    private Wire.Message exchange(Object op, Duration timeout, ScheduledExecutorService watchdog, Io io) {
        timedOut = false;
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut = true;
            process.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Wire.Message answer = io.run();
            if (answer == null) {
                throw new IOException("end of stream");
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            broken = true;
            process.destroyForcibly();
            throw failure(op, timeout, e);
        } finally {
            alarm.cancel(false);
        }
    }

    private WorkerFailedException failure(Object op, Duration timeout, Exception cause) {
        if (timedOut) {
            return new WorkerFailedException("The " + language.displayName() + " worker " + id + " did not answer the " + op
                    + " request within " + timeout.toMillis() + " ms (timpani.workers.request-timeout); it was "
                    + "stopped and is being replaced" + lastOutput(), cause);
        }
        Integer exit = exitCode();
        return new WorkerFailedException("The " + language.displayName() + " worker " + id + " died while serving the " + op + " request"
                + (exit == null ? "" : " (exit code " + exit + describeSignal(exit) + ")")
                + "; it is being replaced" + lastOutput(), cause);
    }

    private Integer exitCode() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                stderrPump.join(1000);
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static String describeSignal(int exit) {
        return exit > 128 && exit < 160 ? ", signal " + (exit - 128) : "";
    }

    /** The worker's last words: the traceback's last line names the exception; the line above the hook. */
    String lastOutput() {
        List<String> lines;
        synchronized (lastLines) {
            lines = new ArrayList<>(lastLines);
        }
        lines.replaceAll(line -> line.replaceAll("\\p{Cntrl}", ""));
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            return "";
        }
        String last = lines.get(lines.size() - 1).strip();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("File \"") && line.contains(", in ")) {
                return ". Last output: " + last + " (in " + line.substring(line.lastIndexOf(", in ") + 5) + ")";
            }
        }
        return ". Last output: " + last;
    }

    /** Ends the process: closing stdin lets it finish cleanly; what does not stop soon is killed. */
    void stop() {
        broken = true;
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    void kill() {
        broken = true;
        process.destroyForcibly();
    }

    private void pumpStderr() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.info("[worker {}] {}", id, line);
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
