package dev.timpani.hooks;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ModelLoader;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the Python hook loader. Nothing on the JVM's classpath says whether Python is installed, so this
 * is a plain auto-configuration: the interpreter is looked for when a model folder needs it.
 */
@AutoConfiguration
public class HooksAutoConfiguration {

    @Bean
    public ModelLoader pythonHooksLoader(TimpaniProperties properties) {
        TimpaniProperties.Workers workers = properties.workers();
        WorkerSettings settings = new WorkerSettings(workers.python(),
                workers.effectiveCount(properties.drum().maxWorkers()), workers.queueSize(),
                workers.requestTimeout(), workers.startTimeout(), properties.engine().threads(),
                Optional.ofNullable(properties.drum().runtimeParamsFile()));
        return new PythonHooksLoader(settings);
    }
}
