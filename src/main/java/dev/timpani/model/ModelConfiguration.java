package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the registry with every loader the auto-configurations contributed. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean(initMethod = "start")
    ModelRegistry modelRegistry(TimpaniProperties properties, List<ModelLoader> loaders) {
        return new ModelRegistry(properties, loaders);
    }

    @Bean
    ScoringStats scoringStats() {
        return new ScoringStats();
    }

    @Bean
    MicroBatcher microBatcher(TimpaniProperties properties) {
        return new MicroBatcher(properties.engine().batching());
    }

    @Bean
    Scorer scorer(ModelRegistry registry, List<ScoringListener> listeners, MicroBatcher batcher) {
        return new Scorer(registry, listeners, batcher);
    }
}
