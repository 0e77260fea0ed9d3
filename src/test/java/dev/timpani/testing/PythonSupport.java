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
 * {@code .ci/run} installs pandas, scikit-learn, xgboost and torch) and are skipped with the reason when a module
 * is missing, unless {@code TIMPANI_REQUIRE_ALL_TESTS} is set, when they fail instead.
 */
public final class PythonSupport {

    /** Override with {@code -Dtimpani.test.python=...}. */
    public static final String PYTHON = System.getProperty("timpani.test.python", "/usr/bin/python3");

    private static final Map<String, String> PROBLEMS = new ConcurrentHashMap<>();

    private PythonSupport() {
    }

    /** Skips (or, in CI, fails) the test unless {@link #PYTHON} imports every module. */
    public static void assumeModules(String... modules) {
        String key = String.join(",", modules);
        String problem = PROBLEMS.computeIfAbsent(key, k -> probe(modules));
        if (problem.isEmpty()) {
            return;
        }
        if (RequireAll.enabled()) {
            throw new IllegalStateException(problem);
        }
        Assumptions.abort(problem);
    }

    /** Whether {@link #PYTHON} imports every module, for tests whose expected answer depends on it. */
    public static boolean imports(String... modules) {
        return PROBLEMS.computeIfAbsent(String.join(",", modules), k -> probe(modules)).isEmpty();
    }

    private static String probe(String... modules) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", "import " + String.join(", ", modules)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return PYTHON + " did not answer within 60 s";
            }
            if (process.exitValue() != 0) {
                String text = new String(output).strip();
                String last = text.contains("\n") ? text.substring(text.lastIndexOf('\n') + 1) : text;
                return PYTHON + " cannot import " + String.join(", ", modules) + ": " + last
                        + " (install python3-pandas python3-sklearn python3-xgboost python3-torch python3-joblib)";
            }
            return "";
        } catch (IOException e) {
            return "No Python at " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
