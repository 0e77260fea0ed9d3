package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** timpani.security.api-key: scoring routes need the key, status routes stay open for probes. */
class ApiKeyTest {

    @Test
    void scoringRoutesNeedTheKeyAndStatusRoutesStayOpen() throws IOException {
        byte[] input = StatusRoutesTest.exampleInput();
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.security.api-key", "s3cret-key"))) {
            HttpTestClient http = server.http();
            Response missing = http.post("/predict/", "text/csv", input);
            Response wrong = http.post("/predict/", "text/csv", input, Map.of("X-Api-Key", "s3cret-kez"));
            Response wrongBearer = http.post("/invocations", "text/csv", input,
                    Map.of("Authorization", "Bearer s3cret"));
            Response basic = http.post("/predict/", "text/csv", input, Map.of("Authorization", "Basic czNjcmV0"));
            Response bearer = http.post("/predict/", "text/csv", input, Map.of("Authorization", "Bearer s3cret-key"));
            Response apiKey = http.post("/predictions/", "text/csv", input, Map.of("X-Api-Key", "s3cret-key"));

            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.contentType()).startsWith("application/json");
            assertThat(missing.message())
                    .isEqualTo("ERROR: Missing API key: send Authorization: Bearer <key> or X-Api-Key: <key>");
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.message()).isEqualTo("ERROR: Invalid API key");
            assertThat(wrongBearer.status()).isEqualTo(401);
            assertThat(wrongBearer.message()).isEqualTo("ERROR: Invalid API key");
            assertThat(basic.status()).isEqualTo(401);
            assertThat(bearer.status()).isEqualTo(200);
            assertThat(bearer.body()).startsWith("{\"predictions\":[21.15996932983");
            assertThat(apiKey.status()).isEqualTo(200);
            for (String path : new String[] {"/", "/ping/", "/health/", "/actuator/health/readiness"}) {
                assertThat(http.get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void offByDefault() throws IOException {
        try (TimpaniServer server = TimpaniServer.start(Map.of())) {
            assertThat(server.http().post("/predict/", "text/csv", StatusRoutesTest.exampleInput()).status())
                    .isEqualTo(200);
        }
    }
}
