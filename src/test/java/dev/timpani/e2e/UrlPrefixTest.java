package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R-CFG-13: {@code URL_PREFIX} moves every DRUM route, slashes normalised. */
class UrlPrefixTest {

    @Test
    void servesEveryRouteUnderThePrefixFromTheEnvironment() throws IOException {
        try (TimpaniServer server = TimpaniServer.start(Map.of(), Map.of("URL_PREFIX", "/deployments/abc/"))) {
            HttpTestClient http = server.http();

            for (String path : new String[] {"/deployments/abc", "/deployments/abc/", "/deployments/abc/ping/",
                    "/deployments/abc/health", "/deployments/abc/info/", "/deployments/abc/capabilities",
                    "/deployments/abc/stats/"}) {
                assertThat(http.get(path).status()).as(path).isEqualTo(200);
            }
            assertThat(http.postX("/deployments/abc/predict/", "input.csv", StatusRoutesTest.exampleInput()).status())
                    .isEqualTo(200);
            assertThat(http.get("/deployments/abc/openapi/timpani.yaml").status()).isEqualTo(200);
            assertThat(http.get("/deployments/abc/v3/api-docs").json().path("openapi").asString()).startsWith("3.");
            assertThat(http.get("/v3/api-docs").status()).isEqualTo(404);
            assertThat(http.get("/deployments/abc/swagger-ui.html").headers().firstValue("Location"))
                    .hasValue("/deployments/abc/swagger-ui/index.html");
            assertThat(http.get("/deployments/abc/swagger-ui/index.html").status()).isEqualTo(200);
            assertThat(http.get("/deployments/abc/swagger-ui/swagger-initializer.js").body())
                    .contains("url: \"/deployments/abc/openapi/timpani.yaml\"");
            assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(404);
            assertThat(http.get("/v3/api-docs/swagger-config").body()).contains("/deployments/abc/openapi/timpani.yaml");
            assertThat(http.get("/ping/").status()).isEqualTo(404);
            assertThat(http.post("/predict/", "text/csv", StatusRoutesTest.exampleInput()).status()).isEqualTo(404);
        }
    }
}
