package dev.timpani.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** DRUM's flags for how the model runs, shared by the batch commands ({@code score}, {@code perf-test}, ...). */
class RuntimeOptions {

    // A batch run sends one request at a time, so one worker unless asked: MAX_WORKERS, meant for servers, is not read.
    @Option(names = "--max-workers", description = "Hook worker processes (default: 1 for score and validation, "
            + "the cores for perf-test's server)")
    Integer maxWorkers;

    @Option(names = "--runtime-params-file", description = "YAML of runtime parameters for the model's code "
            + "(env RUNTIME_PARAMS_FILE)")
    Path runtimeParamsFile;

    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (maxWorkers != null) {
            if (maxWorkers < 1) {
                throw new CommandFailedException("--max-workers must be > 0, got " + maxWorkers);
            }
            properties.put("timpani.workers.count", maxWorkers.toString());
            properties.put("timpani.drum.max-workers", maxWorkers.toString());
        }
        if (runtimeParamsFile != null) {
            if (!java.nio.file.Files.isRegularFile(runtimeParamsFile)) {
                throw new CommandFailedException("The file " + runtimeParamsFile + " does not exist!");
            }
            properties.put("timpani.drum.runtime-params-file", runtimeParamsFile.toAbsolutePath().toString());
        }
        return properties;
    }
}
