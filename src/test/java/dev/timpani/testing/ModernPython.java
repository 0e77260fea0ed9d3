package dev.timpani.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with the hook workers on {@link PythonSupport#MODERN_PYTHON}, a venv of today's releases,
 * instead of Debian's Python: {@link PythonSupport#python()} (and so {@link TimpaniServer}'s workers) is that venv
 * for the class's tests. A subclass of an existing test with this annotation runs the same cases on it. Without the
 * venv the class is disabled with the reason, how to make it (reported as skipped), or fails under
 * {@code TIMPANI_REQUIRE_ALL_TESTS=1}. Test classes run one after another (no parallel execution is configured), so
 * the switch is safe to keep in a static.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ModernPython.Switch.class)
public @interface ModernPython {

    /** Checks the venv before the class, points the workers at it, and back after. */
    final class Switch implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String problem = PythonSupport.problem(PythonSupport.MODERN_PYTHON, PythonSupport.MODERN_HINT,
                    PythonSupport.MODERN_MODULES);
            if (problem.isEmpty()) {
                return ConditionEvaluationResult.enabled("the modern venv imports what the workers need");
            }
            if (RequireAll.enabled()) {
                throw new IllegalStateException(problem);
            }
            return ConditionEvaluationResult.disabled("No venv of today's releases for the workers: " + problem);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            PythonSupport.use(PythonSupport.MODERN_PYTHON);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            PythonSupport.use(null);
        }
    }
}
