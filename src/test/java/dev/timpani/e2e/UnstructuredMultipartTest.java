package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * R-UNS-9 with DRUM's own case ({@code test_unstructured_model_multipart_form_data_with_drum_prediction_server}): an
 * unstructured hook that parses a multipart body itself, with werkzeug, from the bytes and headers it is given,
 * finds its file part, because body and headers reach it as sent.
 */
class UnstructuredMultipartTest {

    static TimpaniServer server;

    @BeforeAll
    static void start() throws URISyntaxException {
        PythonSupport.assumeModules("werkzeug");
        Path model = Path.of(UnstructuredMultipartTest.class.getResource("/models/unstructured-multipart").toURI());
        server = TimpaniServer.start(Map.of("timpani.code-dir", model.toString(), "timpani.target-type",
                "unstructured"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHookParsesTheMultipartBodyItself() {
        byte[] text = "one two three four five six seven eight nine ten".getBytes(StandardCharsets.UTF_8);
        for (String route : new String[] {"/predictUnstructured/", "/predictionsUnstructured/"}) {
            Response response = server.http().postFiles(route + "?ret_mode=text",
                    Map.of("filekey", new NamedFile("filename.txt", text)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("10");
        }
    }

    /** Header names as Flask's {@code dict(request.headers)} spells them, whatever case the client sent. */
    @Test
    void headersReachTheHookWithFlasksNames() {
        Response response = server.http().post("/predictUnstructured/?echo=headers", "text/plain; charset=utf-8",
                "a b".getBytes(StandardCharsets.UTF_8), Map.of("x-datarobot-1abc", "one", "X-API-KEY", "two"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode headers = response.json();
        assertThat(headers.path("Content-Type").asString()).isEqualTo("text/plain; charset=utf-8");
        assertThat(headers.path("Content-Length").asString()).isEqualTo("3");
        assertThat(headers.path("X-Datarobot-1Abc").asString()).isEqualTo("one");
        assertThat(headers.path("X-Api-Key").asString()).isEqualTo("two");
    }

    /** DRUM's {@code test_unstructured_mode_prediction_server_wrong_endpoint}, exact text. */
    @Test
    void structuredRoutesPointAtTheUnstructuredOnes() {
        for (String route : new String[] {"/predict/", "/predictions/", "/invocations"}) {
            Response response = server.http().post(route, null, new byte[0]);
            assertThat(response.status()).as(route).isEqualTo(422);
            assertThat(response.message()).as(route).isEqualTo("ERROR: This model has target type 'unstructured', "
                    + "use the /predictUnstructured/ or /predictionsUnstructured/ endpoint.");
        }
        Response transform = server.http().post("/transform/", "text/csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(transform.status()).isEqualTo(422);
        assertThat(transform.message()).isEqualTo(
                "ERROR: This model has target type TargetType.UNSTRUCTURED, use the /predictUnstructured/ endpoint.");
    }
}
