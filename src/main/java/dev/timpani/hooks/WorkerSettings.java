package dev.timpani.hooks;

import java.time.Duration;
import java.util.Map;

/**
 * How the hook worker pool runs, resolved from {@code timpani.workers.*} and DRUM's flags.
 *
 * @param python            Python interpreter command
 * @param rscript           R's {@code Rscript} command
 * @param count             workers in the pool
 * @param queueSize         requests that may wait for a free worker (503 beyond)
 * @param requestTimeout    longest wait for a worker, and longest run in one (then it is killed and replaced)
 * @param startTimeout      longest start-up of one worker ({@code init} and {@code load_model} included)
 * @param engineThreads     native threads per worker (OpenMP / MKL / OpenBLAS / torch), unless the
 *                          environment already sets them
 * @param environment       variables every worker gets besides the JVM's own: the runtime parameters (R-CFG-9)
 */
record WorkerSettings(String python, String rscript, int count, int queueSize, Duration requestTimeout,
                      Duration startTimeout, int engineThreads, Map<String, String> environment) {

    WorkerSettings {
        environment = Map.copyOf(environment);
        if (count < 1) {
            throw new IllegalArgumentException("timpani.workers.count must be at least 1, got " + count);
        }
        if (queueSize < 0) {
            throw new IllegalArgumentException("timpani.workers.queue-size must not be negative, got " + queueSize);
        }
    }

    /** These settings with {@code variables} for the workers. */
    WorkerSettings withEnvironment(Map<String, String> variables) {
        return new WorkerSettings(python, rscript, count, queueSize, requestTimeout, startTimeout, engineThreads,
                variables);
    }

    /** The interpreter command of the language's workers. */
    String interpreter(WorkerLanguage language) {
        return switch (language) {
            case PYTHON -> python;
            case R -> rscript;
        };
    }
}
