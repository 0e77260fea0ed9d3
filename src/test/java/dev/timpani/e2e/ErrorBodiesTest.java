package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-ERR: a battery of bad requests; every answer is DRUM's {@code {"message": "ERROR: ..."}} and none leaks a
 * stack trace, a Java class name or a path of the server's file system. (A load error may name the model's own
 * files: that is the message the operator needs, checked separately.)
 */
class ErrorBodiesTest {

    /** What a leaked stack trace or internal detail looks like. */
    private static final List<String> LEAKS = List.of("\tat ", "at dev.timpani", "at java.", "at org.",
            "dev.timpani.", "java.lang.", "java.io.", "org.apache.", "org.springframework.", "Exception", "/work/",
            "/tmp/", "/root/", "/home/", ".java:", "Caused by");

    @TempDir
    Path codeDir;

    @Test
    void badRequestsAnswerWithoutStackTracesOrPaths() {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.max-payload-size", "64KB"))) {
            HttpTestClient http = server.http();
            List<Response> answers = new ArrayList<>();
            answers.add(http.post("/predict/", "text/csv", new byte[0]));
            answers.add(http.post("/predict/", "text/csv", "a,b\n\"1,2\n".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "text/csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
            answers.add(http.post("/predict/", "text/csv", "a,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "text/csv", "AVG_fr\nnot-a-number\n".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "a/b/c", "x".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "text/mtx", "%%MatrixMarket nonsense\n".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "text/mtx",
                    "%%MatrixMarket matrix coordinate real general\n2 2 1\n9 9 1.0\n".getBytes(StandardCharsets.UTF_8)));
            answers.add(http.post("/predict/", "application/x-apache-arrow-stream", "a,b\n1,2\n".getBytes()));
            answers.add(http.post("/predict/", "application/x-apache-arrow-stream",
                    new byte[] {-1, -1, -1, -1, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
            answers.add(http.post("/predict/", "application/vnd.apache.arrow.file", "ARROW1\0\0garbage".getBytes()));
            answers.add(http.post("/predict/", "multipart/form-data; boundary=zzz", "--yyy\r\nbroken".getBytes()));
            answers.add(http.post("/predict/", "multipart/form-data", "no boundary".getBytes()));
            answers.add(http.postX("/predict/", "input.parquet", "PAR1".getBytes()));
            answers.add(http.postFiles("/predict/", Map.of("Y", new HttpTestClient.NamedFile("y.csv", "a\n1\n".getBytes()))));
            answers.add(http.post("/predict/", "text/csv", new byte[70 * 1024]));
            answers.add(http.post("/predictUnstructured/", "text/plain", "x".getBytes()));
            answers.add(http.post("/transform/", "text/csv", "a\n1\n".getBytes()));
            answers.add(http.post("/chat/completions", "application/json", "{".getBytes()));
            answers.add(http.get("/predict/"));
            answers.add(http.get("/no/such/route"));

            assertThat(answers).allSatisfy(ErrorBodiesTest::isCleanError);
        }
    }

    @Test
    void aLoadErrorNamesTheModelFileButNoStackTrace() throws IOException {
        Files.writeString(codeDir.resolve("model.json"), "{ this is not an xgboost model");
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            Response health = server.http().get("/health/");
            Response predict = server.http().post("/predict/", "text/csv", "a\n1\n".getBytes());

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: ").contains("model.json");
            for (Response response : List.of(health, predict)) {
                assertThat(response.body()).doesNotContain("\tat ", "at dev.timpani", "at java.", "Caused by", ".java:");
            }
        }
    }

    private static void isCleanError(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(400, 599);
        assertThat(response.contentType()).as(response.body()).startsWith("application/json");
        assertThat(response.message()).as(response.body()).startsWith("ERROR: ");
        assertThat(response.body()).doesNotContain(LEAKS);
    }
}
