package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Kubernetes and Prometheus see: liveness is "the process answers", readiness is "the model is loaded",
 * the meters are on /actuator/prometheus, and Actuator exposes nothing else.
 */
class OperationsTest {

    private static TimpaniServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws IOException {
        server = TimpaniServer.start(Map.of());
        http = server.http();
        byte[] input = StatusRoutesTest.exampleInput();
        for (int i = 0; i < 3; i++) {
            http.postX("/predict/", "input.csv", input);
        }
        http.post("/predict/", "text/csv", "a,b\n1,2\n".getBytes());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void reportsLiveAndReadyWhenTheModelIsLoaded() {
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        Response readiness = http.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesTheMetersAtThePrometheusEndpoint() {
        Response scrape = http.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains(
                "timpani_model_scoring_seconds_bucket{",
                // Issue 15: the scoring meters carry the protocol the request came by.
                "timpani_model_scoring_seconds_count{outcome=\"success\",protocol=\"drum\"} 3",
                "timpani_model_scoring_seconds_count{outcome=\"failure\",protocol=\"drum\"} 1",
                "timpani_model_rows_total{protocol=\"drum\"} 31",
                "timpani_model_state{state=\"ready\"} 1",
                "timpani_model_state{state=\"failed\"} 0",
                "timpani_model_load_duration_seconds ",
                "timpani_request_payload_bytes_count{uri=\"/predict/\"} 4",
                "http_server_requests_seconds_bucket{",
                "jvm_memory_used_bytes{",
                "process_cpu_usage ");
    }

    @Test
    void servesDrumStatsAsAnActuatorEndpointToo() {
        Response stats = http.get("/actuator/stats");

        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().path("mem_info").path("drum_rss").asDouble()).isPositive();
        assertThat(stats.json().path("time_info").path("run_predictor_total").path("min").asDouble()).isPositive();
    }

    @Test
    void echoesTheClientsRequestIdOrGivesOne() throws Exception {
        java.net.http.HttpResponse<Void> given = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/ping/"))
                        .header("X-Request-Id", "abc-123").build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        java.net.http.HttpResponse<Void> fresh = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/ping/")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(fresh.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void exposesNoOtherActuatorEndpoint() {
        assertThat(http.get("/actuator/env").status()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").status()).isEqualTo(404);
        assertThat(http.get("/actuator/heapdump").status()).isEqualTo(404);
    }

    @Test
    void staysLiveButNotReadyWhenTheModelFailedToLoad(@TempDir Path codeDir) throws IOException {
        Files.writeString(codeDir.resolve("model.json"), "not a model");
        try (TimpaniServer broken = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            assertThat(broken.http().get("/actuator/health/liveness").status()).isEqualTo(200);
            Response readiness = broken.http().get("/actuator/health/readiness");

            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("model.json");
            assertThat(broken.http().get("/actuator/prometheus").body())
                    .contains("timpani_model_state{state=\"failed\"} 1");
        }
    }
}
