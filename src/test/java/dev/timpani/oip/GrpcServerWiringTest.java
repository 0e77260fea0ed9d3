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
import tools.jackson.databind.JsonNode;

/**
 * The V2 gRPC service belongs to a server that asks for it (issue 21): not to headless commands, not to a server
 * started with an HTTP address only, not when turned off; {@code /info/} says whether it listens, and where.
 */
class GrpcServerWiringTest {

    @Test
    void headlessCommandsOpenNoGrpcPort() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TimpaniApplication.class)
                .web(WebApplicationType.NONE).properties(Map.of("logging.level.root", "off",
                        "timpani.oip.grpc.enabled", "true")).run()) {
            assertThat(context.getBeansOfType(GrpcServerLifecycle.class)).isEmpty();
        }
    }

    @Test
    void aServerAskedForNoGrpcOpensNoGrpcPortWhileRestV2Stays() {
        try (TimpaniServer server = TimpaniServer.start(Map.of())) {
            assertThat(server.beans(GrpcServerLifecycle.class)).isEmpty();
            assertThat(server.http().get("/v2/health/live").status()).isEqualTo(200);
            assertThat(server.http().get("/info/").json().path("grpc").toString()).isEqualTo("{\"listening\":false}");
        }
    }

    @Test
    void aGrpcPortTurnsItOnAndInfoSaysWhere() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.oip.grpc.port", "0"))) {
            int port = server.bean(GrpcServerLifecycle.class).port();
            JsonNode grpc = server.http().get("/info/").json().path("grpc");

            assertThat(port).isPositive();
            assertThat(grpc.path("listening").asBoolean()).isTrue();
            assertThat(grpc.path("host").asString()).isEqualTo("127.0.0.1");
            assertThat(grpc.path("port").asInt()).isEqualTo(port);
        }
    }

    @Test
    void enabledFalseWinsOverAPort() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.oip.grpc.port", "0",
                "timpani.oip.grpc.enabled", "false"))) {
            assertThat(server.beans(GrpcServerLifecycle.class)).isEmpty();
            assertThat(server.http().get("/info/").json().path("grpc").path("listening").asBoolean()).isFalse();
        }
    }
}
