package dev.timpani.hooks;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ModelLoader;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the hook loaders (Python, R). Nothing on the JVM's classpath says whether Python or R is
 * installed, so this is a plain auto-configuration: the interpreter is looked for when a model folder needs it.
 */
@AutoConfiguration
public class HooksAutoConfiguration {

    @Bean
    public ModelLoader pythonHooksLoader(TimpaniProperties properties) {
        return new HooksLoader(settings(properties), WorkerLanguage.PYTHON);
    }

    @Bean
    public ModelLoader rHooksLoader(TimpaniProperties properties) {
        return new HooksLoader(settings(properties), WorkerLanguage.R);
    }

    private static WorkerSettings settings(TimpaniProperties properties) {
        TimpaniProperties.Workers workers = properties.workers();
        return new WorkerSettings(workers.python(), workers.rscript(),
                workers.effectiveCount(properties.drum().maxWorkers()), workers.queueSize(),
                workers.requestTimeout(), workers.startTimeout(), properties.engine().threads(),
                Map.of());
    }
}
