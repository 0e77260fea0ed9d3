package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** timpani.limits.*: rows and columns (R-ERR-2, 413), scoring timeout and requests in flight (R-ERR-5, 503). */
class RequestLimitsTest {

    /** The example's input: 10 rows of 33 columns. */
    private static final byte[] INPUT = exampleInput();

    @Test
    void rowsOverTheLimitAre413NamingTheLimitAndTheProperty() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.limits.max-rows", "5"))) {
            Response tooMany = server.http().post("/predict/", "text/csv", INPUT);
            Response multipart = server.http().postX("/predict/", "input.csv", INPUT);
            Response fewEnough = server.http().post("/predict/", "text/csv", firstLines(6));

            assertThat(tooMany.status()).isEqualTo(413);
            assertThat(tooMany.message()).isEqualTo("ERROR: Request holds 10 rows, more than the limit of 5; "
                    + "raise timpani.limits.max-rows to accept it");
            assertThat(multipart.status()).isEqualTo(413);
            assertThat(multipart.message()).isEqualTo(tooMany.message());
            assertThat(fewEnough.status()).isEqualTo(200);
        }
    }

    @Test
    void columnsOverTheLimitAre413NamingTheLimitAndTheProperty() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.limits.max-columns", "20"))) {
            Response response = server.http().post("/predict/", "text/csv", INPUT);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.message()).isEqualTo("ERROR: Request holds 33 columns, more than the limit of 20; "
                    + "raise timpani.limits.max-columns to accept it");
        }
    }

    @Test
    void scoringPastTheTimeoutIs503() {
        // One nanosecond: no scoring finishes before the request thread gives up waiting.
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.limits.request-timeout", "1ns"))) {
            Response response = server.http().post("/predict/", "text/csv", INPUT);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.message()).isEqualTo("ERROR: Scoring took longer than the limit of 1 ns; "
                    + "raise timpani.limits.request-timeout to allow it");
        }
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.limits.request-timeout", "1m"))) {
            Response response = server.http().post("/predict/", "text/csv", INPUT);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\":[21.15996932983");
        }
    }

    @Test
    void requestsBeyondMaxInFlightAre503UntilOneFinishes() throws Exception {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.limits.max-in-flight", "1"))) {
            URI base = URI.create(server.http().baseUrl());
            for (int attempt = 1; ; attempt++) {
                // A client that sends its headers and half its body, then stalls: it holds the only permit.
                try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                    OutputStream out = slow.getOutputStream();
                    out.write(("POST /predict/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                            + "Content-Length: " + INPUT.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(INPUT, 0, INPUT.length / 2);
                    out.flush();

                    Optional<Response> busy = awaitBusy(server, slow);
                    if (busy.isEmpty() && attempt < 5) {
                        continue;
                    }
                    assertThat(busy).as("a request while the stalled one holds the permit").isPresent();
                    Response status = server.http().get("/ping/");

                    assertThat(busy.get().status()).isEqualTo(503);
                    assertThat(busy.get().message()).isEqualTo("ERROR: Server busy: 1 requests are in flight, the "
                            + "limit of timpani.limits.max-in-flight; retry later");
                    assertThat(busy.get().headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(status.status()).isEqualTo(200);

                    out.write(INPUT, INPUT.length / 2, INPUT.length - INPUT.length / 2);
                    out.flush();
                    String answer = readAll(slow.getInputStream());
                    assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"predictions\":[21.15996932983");
                }
                break;
            }
            assertThat(server.http().post("/predict/", "text/csv", INPUT).status()).isEqualTo(200);
        }
    }

    /**
     * Probes until one is refused while the stalled request holds the permit. The stalled request reaches the filter
     * shortly after its headers, and until then a probe still passes; if it arrives while a probe holds the permit,
     * it is refused itself (empty result: the caller stalls a new one).
     */
    private static Optional<Response> awaitBusy(TimpaniServer server, Socket slow)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread.sleep(50);
        do {
            Response response = server.http().post("/predict/", "text/csv", INPUT);
            if (response.status() == 503) {
                return Optional.of(response);
            }
            if (slow.getInputStream().available() > 0) {
                String early = new String(slow.getInputStream().readNBytes(slow.getInputStream().available()),
                        StandardCharsets.UTF_8);
                assertThat(early).as("the stalled request's early answer").startsWith("HTTP/1.1 503");
                return Optional.empty();
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] firstLines(int lines) {
        return (String.join("\n", new String(INPUT, StandardCharsets.UTF_8).lines().limit(lines).toList()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] exampleInput() {
        try {
            return StatusRoutesTest.exampleInput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
