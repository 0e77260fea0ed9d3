package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R-ERR-2: a body over {@code timpani.max-payload-size} is a 413 naming the limit, raw or multipart. */
class PayloadLimitTest {

    @Test
    void rejectsBodiesOverTheConfiguredLimitWith413() throws IOException {
        byte[] input = StatusRoutesTest.exampleInput();
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.max-payload-size", "2KB"))) {
            Response raw = server.http().post("/predict/", "text/csv", input);
            Response multipart = server.http().postX("/predict/", "input.csv", input);
            Response small = server.http().post("/predict/", "text/csv",
                    new String(input).lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow().getBytes());

            assertThat(input.length).isGreaterThan(2048);
            assertThat(raw.status()).isEqualTo(413);
            assertThat(raw.message()).isEqualTo("ERROR: Request body is larger than the limit of 2048 bytes; "
                    + "raise timpani.max-payload-size to accept it");
            assertThat(multipart.status()).isEqualTo(413);
            assertThat(multipart.message()).startsWith("ERROR: Request body is larger than the limit");
            assertThat(small.status()).isEqualTo(200);
        }
    }
}
