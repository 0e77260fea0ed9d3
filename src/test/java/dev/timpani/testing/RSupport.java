package dev.timpani.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need the R hook workers: they run with {@link #RSCRIPT} (Debian's R, where {@code .ci/run} installs
 * caret, glmnet, recipes, randomForest and rpart) and are skipped with the reason when R or a package is missing,
 * unless {@code TIMPANI_REQUIRE_ALL_TESTS} is set, when they fail instead.
 */
public final class RSupport {

    /** Override with {@code -Dtimpani.test.rscript=...}. */
    public static final String RSCRIPT = System.getProperty("timpani.test.rscript", "Rscript");

    private static final Map<String, String> PROBLEMS = new ConcurrentHashMap<>();

    private RSupport() {
    }

    /** Skips (or, in CI, fails) the test unless {@link #RSCRIPT} runs and loads every package. */
    public static void assumePackages(String... packages) {
        String key = String.join(",", packages);
        String problem = PROBLEMS.computeIfAbsent(key, k -> probe(packages));
        if (problem.isEmpty()) {
            return;
        }
        if (RequireAll.enabled()) {
            throw new IllegalStateException(problem);
        }
        Assumptions.abort(problem);
    }

    private static String probe(String... packages) {
        StringBuilder script = new StringBuilder();
        for (String name : packages) {
            script.append("suppressPackageStartupMessages(library(").append(name).append("));");
        }
        script.append("cat('ok')");
        try {
            Process process = new ProcessBuilder(List.of(RSCRIPT, "-e", script.toString())).redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return RSCRIPT + " did not answer within 120 s";
            }
            String text = new String(output).strip();
            if (process.exitValue() != 0 || !text.endsWith("ok")) {
                return RSCRIPT + " cannot load " + String.join(", ", packages) + ": " + text
                        + " (install r-base-core r-cran-caret r-cran-randomforest r-cran-glmnet r-cran-rpart "
                        + "r-cran-recipes)";
            }
            return "";
        } catch (IOException e) {
            return "No Rscript at " + RSCRIPT + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
