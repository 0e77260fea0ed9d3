package dev.timpani.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need the Python hook workers: they run with {@link #PYTHON} (Debian's interpreter, where
 * {@code .ci/run} installs pandas, scikit-learn, xgboost and torch), or {@link #KERAS_PYTHON} for Keras models, and
 * are skipped with the reason when a module is missing, unless {@code TIMPANI_REQUIRE_ALL_TESTS} is set, when they
 * fail instead.
 */
public final class PythonSupport {

    /** Override with {@code -Dtimpani.test.python=...}. */
    public static final String PYTHON = System.getProperty("timpani.test.python", "/usr/bin/python3");

    /**
     * A venv with the TensorFlow and Keras of DataRobot's {@code python3_keras} environment, which Debian does not
     * package: {@code .ci/run} builds it from pip's index where pom.xml's {@code test.keras.python} points.
     */
    public static final String KERAS_PYTHON = System.getProperty("timpani.test.keras.python",
            System.getProperty("user.home") + "/.cache/timpani-ci/keras-venv/bin/python");

    /**
     * A venv of today's releases (scikit-learn 1.9.1, pandas 3.0.6 with its string dtype, numpy 2.4.6, onnxruntime),
     * which {@code .ci/run} builds from pip's index where pom.xml's {@code test.modern.python} points: the
     * {@link ModernPython} tests run the workers on it.
     */
    public static final String MODERN_PYTHON = System.getProperty("timpani.test.modern.python",
            System.getProperty("user.home") + "/.cache/timpani-ci/modern-venv/bin/python");

    /** The modules the modern venv must have, and how to make it. */
    static final String[] MODERN_MODULES = {"pandas", "numpy", "sklearn", "scipy", "joblib", "onnxruntime",
        "yaml", "werkzeug"};
    static final String MODERN_HINT = "bash .ci/run builds it; by hand: /usr/bin/python3 -m venv "
            + "~/.cache/timpani-ci/modern-venv && ~/.cache/timpani-ci/modern-venv/bin/pip install scikit-learn==1.9.1 "
            + "lightgbm==4.7.0 pandas==3.0.6 numpy==2.4.6 scipy joblib onnxruntime onnx pyyaml werkzeug, or point "
            + "-Dtest.modern.python at such a Python";

    /** The interpreter the workers of the running test class use: {@link #PYTHON}, or {@link ModernPython}'s. */
    private static volatile String current = null;

    private static final String DEBIAN_HINT =
            "install python3-pandas python3-sklearn python3-xgboost python3-torch python3-joblib";

    private static final Map<String, String> PROBLEMS = new ConcurrentHashMap<>();

    private PythonSupport() {
    }

    /** The interpreter the workers of the running test class use (and {@link TimpaniServer}'s default). */
    public static String python() {
        String chosen = current;
        return chosen == null ? PYTHON : chosen;
    }

    /** Set by {@link ModernPython} around its test class; null: back to {@link #PYTHON}. */
    static void use(String python) {
        current = python;
    }

    /** Skips (or, in CI, fails) the test unless {@link #python()} imports every module. */
    public static void assumeModules(String... modules) {
        assumeModulesIn(python(), hint(), modules);
    }

    private static String hint() {
        return python().equals(PYTHON) ? DEBIAN_HINT : MODERN_HINT;
    }

    /**
     * Skips (or, in CI, fails) the test unless {@code python} imports every module; the reason names the
     * interpreter, the missing module and {@code hint}, how to get it.
     */
    public static void assumeModulesIn(String python, String hint, String... modules) {
        String problem = problem(python, hint, modules);
        if (problem.isEmpty()) {
            return;
        }
        if (RequireAll.enabled()) {
            throw new IllegalStateException(problem);
        }
        Assumptions.abort(problem);
    }

    /** Whether {@link #python()} imports every module, for tests whose expected answer depends on it. */
    public static boolean imports(String... modules) {
        return problem(python(), hint(), modules).isEmpty();
    }

    /** Why {@code python} cannot import every module (naming it, the module and {@code hint}); empty when it can. */
    static String problem(String python, String hint, String... modules) {
        return PROBLEMS.computeIfAbsent(python + ":" + String.join(",", modules), k -> probe(python, hint, modules));
    }

    private static String probe(String python, String hint, String... modules) {
        List<String> command = new ArrayList<>(List.of(python, "-c", "import " + String.join(", ", modules)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return python + " did not answer within 60 s";
            }
            if (process.exitValue() != 0) {
                String text = new String(output).strip();
                String last = text.contains("\n") ? text.substring(text.lastIndexOf('\n') + 1) : text;
                return python + " cannot import " + String.join(", ", modules) + ": " + last + " (" + hint + ")";
            }
            return "";
        } catch (IOException e) {
            return "No Python at " + python + ": " + e.getMessage() + " (" + hint + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
