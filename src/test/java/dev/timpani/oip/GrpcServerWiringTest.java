package dev.timpani.oip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.TimpaniApplication;
import dev.timpani.oip.grpc.GrpcServerLifecycle;
import dev.timpani.testing.TimpaniServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The V2 gRPC service belongs to a server that asks for it: not to headless commands, not when turned off. */
class GrpcServerWiringTest {

    @Test
    void headlessCommandsOpenNoGrpcPort() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TimpaniApplication.class)
                .web(WebApplicationType.NONE).properties(Map.of("logging.level.root", "off")).run()) {
            assertThat(context.getBeansOfType(GrpcServerLifecycle.class)).isEmpty();
        }
    }

    @Test
    void grpcCanBeTurnedOffWhileRestV2Stays() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.oip.grpc.enabled", "false"))) {
            assertThat(server.beans(GrpcServerLifecycle.class)).isEmpty();
            assertThat(server.http().get("/v2/health/live").status()).isEqualTo(200);
        }
    }
}
