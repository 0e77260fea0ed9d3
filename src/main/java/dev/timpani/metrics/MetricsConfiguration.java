package dev.timpani.metrics;

import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ScoringStats;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Operations wiring: meters, the readiness fact, and DRUM's statistics in both places. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    ModelMeters modelMeters(ModelRegistry registry) {
        return new ModelMeters(registry);
    }

    /** Named "model": the readiness health group includes it by that name. */
    @Bean
    ModelHealthIndicator model(ModelRegistry registry) {
        return new ModelHealthIndicator(registry);
    }

    @Bean
    DrumStats drumStats(ScoringStats scoring) {
        return new DrumStats(scoring);
    }

    @Bean
    StatsEndpoint statsEndpoint(DrumStats stats) {
        return new StatsEndpoint(stats);
    }

    @Bean
    FilterRegistrationBean<PayloadSizeFilter> payloadSizeFilter(MeterRegistry meters) {
        return new FilterRegistrationBean<>(new PayloadSizeFilter(meters));
    }
}
