package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client mistake is a 4xx with DRUM's {@code {"message": "ERROR: ..."}} naming it (R-IN-3, R-IN-4, R-IN-6,
 * R-IN-7, R-IN-9, R-ERR-1), never a 500 or a stack trace; and the server keeps scoring afterwards.
 * Served: the embedded XGBoost regression example (33 positional numeric features).
 */
class BadInputTest {

    private static TimpaniServer server;
    private static HttpTestClient http;
    private static String header;
    private static String firstRow;

    @BeforeAll
    static void start() throws IOException {
        server = TimpaniServer.start(Map.of());
        http = server.http();
        String[] lines = new String(StatusRoutesTest.exampleInput(), StandardCharsets.UTF_8).split("\n");
        header = lines[0];
        firstRow = lines[1];
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rejectsEmptyBodyWithDrumSamplesMessage() {
        Response response = http.post("/predict/", "text/csv", new byte[0]);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: Samples should be provided as:   - a csv or mtx under `X` "
                + "form-data param key.  - binary data");
    }

    @Test
    void rejectsMultipartWithoutXField() {
        Response response = http.postFiles("/predict/", Map.of("data", new NamedFile("input.csv", csv())));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).startsWith("ERROR: Samples should be provided as:");
    }

    @Test
    void rejectsUnsupportedContentTypeWithDrumMessage() {
        Response response = http.post("/predict/", "application/json", "{\"a\": 1}".getBytes());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: payload format `application/json` is not supported by "
                + "predictor/transformer. Make DRUM support the format or implement `read_input_data` hook to read "
                + "the data. ");
    }

    @Test
    void rejectsMalformedCsvNamingTheLine() {
        String body = header + "\n" + firstRow + "\n" + firstRow + ",1,2\n";

        Response response = http.post("/predict/", "text/csv", body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: Error tokenizing data. Expected 33 fields in line 3, saw 35");
    }

    @Test
    void rejectsNonUtf8CsvWithDrumMessage() {
        byte[] latin1 = (header + "\n" + firstRow.replaceFirst("^[^,]*", "caf\u00e9") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        Response response = http.post("/predict/", "text/csv", latin1);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: Supplied CSV input file encoding must be UTF-8.");
    }

    @Test
    void scoresARequestMissingAFeatureAsMissingValues() {
        // R-IN-9: the example booster names its features and XGBoost routes missing values; DRUM answers too.
        String body = dropLastColumn(header) + "\n" + dropLastColumn(firstRow) + "\n";

        Response response = http.post("/predict/", "text/csv", body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("predictions").size()).isEqualTo(1);
    }

    @Test
    void rejectsARequestWithNoneOfTheModelsColumns() {
        Response response = http.post("/predict/", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: None of the model's 33 features is a column of the "
                + "request. Expected columns such as 'TPA(ADJ)_fr', 'AVG_fr', 'OBP_fr', ...; got 'a', 'b'");
    }

    @Test
    void rejectsRequestMissingAColumnOfAPositionalModel() throws IOException {
        // The legacy binary format keeps no feature names: columns are positional, and all are required.
        CorpusCase legacy = Corpus.get("xgboost_native_regression_legacy_binary");
        String body = dropLastColumn(header) + "\n" + dropLastColumn(firstRow) + "\n";

        try (TimpaniServer positional = TimpaniServer.start(legacy.serverProperties())) {
            Response response = positional.http().post("/predict/", "text/csv", body.getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.message()).isEqualTo("ERROR: The model expects 33 features, the request has 32 columns");
        }
    }

    @Test
    void rejectsValueThatIsNotANumberNamingColumnAndRow() {
        String secondRow = firstRow.replaceFirst("^([^,]*),([^,]*)", "$1,abc");
        String body = header + "\n" + firstRow + "\n" + secondRow + "\n";

        Response response = http.post("/predict/", "text/csv", body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).isEqualTo("ERROR: column 'AVG_fr' is not a number in row 2 (\"abc\")");
    }

    @Test
    void keepsScoringAfterBadRequests() {
        http.post("/predict/", "text/csv", new byte[] {(byte) 0xff, 0x00});

        Response response = http.postX("/predict/", "input.csv", csv());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("predictions").size()).isEqualTo(10);
    }

    private static byte[] csv() {
        try {
            return StatusRoutesTest.exampleInput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String dropLastColumn(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }
}
