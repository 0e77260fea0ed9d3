package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * R-UNS over HTTP: each unstructured corpus case's request, sent as its case.yaml says, must come back with the
 * expected content type and exactly the expected bytes; its query variant too.
 */
class UnstructuredCorpusTest {

    private final HttpClient http = HttpClient.newHttpClient();

    static Stream<CorpusCase> unstructuredCases() {
        return Corpus.cases("unstructured_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unstructuredCases")
    @SuppressWarnings("unchecked")
    void answersWithTheHooksBytes(CorpusCase corpusCase) throws Exception {
        PythonSupport.assumeModules("json");
        Map<String, Object> yaml = yaml(corpusCase.folder());
        Map<String, Object> request = (Map<String, Object>) yaml.get("request");
        Map<String, Object> expected = (Map<String, Object>) yaml.get("expected_response");
        byte[] body = Files.readAllBytes(corpusCase.folder().resolve((String) request.get("body_file")));
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            for (String route : new String[] {(String) request.get("endpoint"), "/predictionsUnstructured/"}) {
                HttpResponse<byte[]> response = post(server, route.replace("POST ", ""),
                        (String) request.get("content_type"), body);
                assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(((Number) expected.get("status")).intValue());
                // Tomcat writes "type;charset=x" where Flask writes "type; charset=x": the same header.
                assertThat(response.headers().firstValue("Content-Type").map(UnstructuredCorpusTest::normalized))
                        .hasValue(normalized((String) expected.get("content_type")));
                assertThat(response.body()).isEqualTo(
                        Files.readAllBytes(corpusCase.folder().resolve((String) expected.get("body_file"))));
            }
            if (expected.get("variant_with_query") instanceof Map<?, ?> variant) {
                String route = ((String) request.get("endpoint")).replace("POST ", "") + variant.get("query");
                HttpResponse<byte[]> response = post(server, route, (String) request.get("content_type"), body);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(
                        Files.readAllBytes(corpusCase.folder().resolve((String) variant.get("body_file"))));
            }
            // R-ROUTE-6: the structured route points to the unstructured one.
            HttpResponse<byte[]> structured = post(server, "/predict/", "text/csv", "a\n1\n".getBytes());
            assertThat(structured.statusCode()).isEqualTo(422);
            assertThat(new String(structured.body(), StandardCharsets.UTF_8)).contains("/predictUnstructured/");
        }
    }

    /** R-UNS-1: no Content-Type is text/plain in utf-8; another charset decodes the text before the hook. */
    @Test
    void defaultsAndCharsetsOfTextRequests() throws Exception {
        PythonSupport.assumeModules("json");
        CorpusCase corpusCase = Corpus.get("unstructured_text");
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            HttpResponse<byte[]> noType = post(server, "/predictUnstructured/", null, "héllo wörld".getBytes(
                    StandardCharsets.UTF_8));
            String text = new String(noType.body(), StandardCharsets.UTF_8);
            assertThat(noType.statusCode()).as(text).isEqualTo(200);
            assertThat(text).contains("\"mimetype\": \"text/plain\"").contains("\"charset\": \"utf-8\"")
                    .contains("\"chars\": 11");

            HttpResponse<byte[]> latin1 = post(server, "/predictUnstructured/", "text/plain; charset=latin-1",
                    "héllo wörld".getBytes(StandardCharsets.ISO_8859_1));
            String latin = new String(latin1.body(), StandardCharsets.UTF_8);
            assertThat(latin1.statusCode()).as(latin).isEqualTo(200);
            assertThat(latin).contains("\"charset\": \"latin-1\"").contains("\"chars\": 11")
                    .contains("\"longest_word\": \"héllo\"");
        }
    }

    private HttpResponse<byte[]> post(TimpaniServer server, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.http().baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String normalized(String contentType) {
        return contentType.replaceAll(";\\s*", ";").toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> yaml(Path folder) throws IOException {
        try (Reader reader = Files.newBufferedReader(folder.resolve("case.yaml"), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        }
    }
}
