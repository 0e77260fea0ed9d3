package dev.timpani.hooks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The languages the hook workers run: each has its worker script (and support files) under {@code timpani/}, the
 * property naming its interpreter, the folder files it serves, and how its process is started. Both speak the
 * same frames ({@code timpani/PROTOCOL.md}).
 */
enum WorkerLanguage {

    /**
     * {@code python3 worker.py}: {@code custom.py} and the Python artifacts. The script starts the
     * {@code timpani_worker} package beside it; the {@code datarobot_drum} shim is there too.
     */
    PYTHON("python", "Python", "timpani.workers.python", "a Python 3 interpreter", "worker.py",
            "python-worker.files", Set.of("py", "pkl", "joblib", "pth", "h5")),

    /**
     * {@code Rscript worker.R}: {@code custom.R} and {@code .rds} models. R cannot move file descriptors itself,
     * so a shell does it before R starts: the protocol on fd 3 (out) and 4 (in), fd 1 pointing at stderr and
     * fd 0 at {@code /dev/null}, so nothing user code prints can reach a frame. {@code exec} keeps the pid.
     */
    R("r", "R", "timpani.workers.rscript", "Rscript (R 4 with the model's packages)", "worker.R",
            "r-worker.files", Set.of("r", "rds"));

    private static final String R_FD_SHUFFLE = "exec \"$0\" \"$@\" 3>&1 1>&2 4<&0 0</dev/null";

    private final String framework;
    private final String displayName;
    private final String interpreterProperty;
    private final String interpreterDescription;
    private final String worker;
    private final String manifest;
    private final Set<String> extensions;

    WorkerLanguage(String framework, String displayName, String interpreterProperty, String interpreterDescription,
                   String worker, String manifest, Set<String> extensions) {
        this.framework = framework;
        this.displayName = displayName;
        this.interpreterProperty = interpreterProperty;
        this.interpreterDescription = interpreterDescription;
        this.worker = worker;
        this.manifest = manifest;
        this.extensions = extensions;
    }

    /** The loader's framework name, also {@code /info/}'s {@code language}. */
    String framework() {
        return framework;
    }

    /** For messages: "The R worker ...". */
    String displayName() {
        return displayName;
    }

    String interpreterProperty() {
        return interpreterProperty;
    }

    String interpreterDescription() {
        return interpreterDescription;
    }

    String worker() {
        return worker;
    }

    /**
     * The resource under {@code timpani/} listing every file of the worker, one path a line ({@code #} comments):
     * what {@link WorkerScripts} extracts, and the order of its digest.
     */
    String manifest() {
        return manifest;
    }

    Set<String> extensions() {
        return extensions;
    }

    /** The worker's command line. */
    List<String> command(String interpreter, Path script) {
        return switch (this) {
            case PYTHON -> List.of(interpreter, script.toString());
            case R -> List.of("/bin/sh", "-c", R_FD_SHUFFLE, interpreter, script.toString());
        };
    }

    /** Language-specific environment of a worker, on top of what every worker gets. */
    void environment(Map<String, String> env, Path scriptsDirectory) {
        if (this == PYTHON) {
            String pythonPath = env.get("PYTHONPATH");
            env.put("PYTHONPATH", scriptsDirectory + (pythonPath == null || pythonPath.isBlank()
                    ? "" : java.io.File.pathSeparator + pythonPath));
            // The code dir may be read-only or shared: no __pycache__ written into it.
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("PYTHONIOENCODING", "utf-8");
        }
    }

    /** Whether the interpreter's start cannot fail by itself (it runs under a shell), so it is looked up first. */
    boolean startsThroughShell() {
        return this == R;
    }
}
