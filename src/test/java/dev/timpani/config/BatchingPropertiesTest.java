package dev.timpani.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code timpani.engine.batching.*}: its defaults, and values refused at start-up rather than misbehaving later. */
class BatchingPropertiesTest {

    @Test
    void defaultsBatchWithNoWindowAndOneLanePerCore() {
        TimpaniProperties.Batching batching = bind(Map.of("timpani.engine.threads", "1"));

        assertThat(batching.enabled()).isTrue();
        assertThat(batching.lanes()).isZero();
        assertThat(batching.effectiveLanes()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(batching.maxRows()).isEqualTo(256);
        assertThat(batching.window()).isEqualTo(Duration.ZERO);
    }

    @Test
    void bindsEverySetting() {
        TimpaniProperties.Batching batching = bind(Map.of("timpani.engine.batching.enabled", "false",
                "timpani.engine.batching.lanes", "3", "timpani.engine.batching.max-rows", "64",
                "timpani.engine.batching.window", "500us"));

        assertThat(batching).isEqualTo(new TimpaniProperties.Batching(false, 3, 64, Duration.ofNanos(500_000)));
        assertThat(batching.effectiveLanes()).isEqualTo(3);
    }

    @Test
    void refusesValuesThatCannotWork() {
        assertThatThrownBy(() -> bind(Map.of("timpani.engine.batching.max-rows", "0")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("timpani.engine.batching.max-rows must be positive: 0");
        assertThatThrownBy(() -> bind(Map.of("timpani.engine.batching.lanes", "-1")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("timpani.engine.batching.lanes must be zero (the cores) or more: -1");
        assertThatThrownBy(() -> bind(Map.of("timpani.engine.batching.window", "-1ms")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("timpani.engine.batching.window must not be negative: PT-0.001S");
    }

    private static TimpaniProperties.Batching bind(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        return binder.bindOrCreate("timpani.engine", TimpaniProperties.Engine.class).batching();
    }
}
