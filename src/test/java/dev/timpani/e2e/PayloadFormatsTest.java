package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.NamedFile;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same rows in every structured payload format DRUM and Timpani read (R-IN-1, R-IN-2, R-IN-8) give the same
 * predictions as the csv.
 */
class PayloadFormatsTest {

    private static TimpaniServer server;
    private static HttpTestClient http;
    private static List<String> names;
    private static List<double[]> rows;
    private static double[] expected;

    @BeforeAll
    static void start() throws IOException {
        server = TimpaniServer.start(Map.of());
        http = server.http();
        List<String> lines = Files.readAllLines(Path.of("examples/xgboost-regression/input.csv"));
        names = List.of(lines.get(0).split(","));
        rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        List<String> expectedLines = Files.readAllLines(Path.of("examples/xgboost-regression/expected.csv"));
        expected = expectedLines.subList(1, expectedLines.size()).stream().mapToDouble(Double::parseDouble).toArray();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scoresMatrixMarketWithColumnNamesAsMultipart() {
        Map<String, NamedFile> files = new LinkedHashMap<>();
        files.put("X", new NamedFile("input.mtx", matrixMarket()));
        files.put("X.colnames", new NamedFile("colnames.txt",
                (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8)));

        assertMatchesExpected(http.postFiles("/predict/", files));
    }

    @Test
    void rejectsUnnamedMatrixMarketForAModelThatNamesItsFeatures() {
        // Without X.colnames the columns are numbered, and this booster knows its features by name.
        Response response = http.post("/predict/", "text/mtx", matrixMarket());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).startsWith("ERROR: None of the model's 33 features is a column of the request.")
                .endsWith("got '0', '1', '2', ...");
    }

    @Test
    void rejectsMatrixMarketWithWrongNumberOfColumnNames() {
        Map<String, NamedFile> files = new LinkedHashMap<>();
        files.put("X", new NamedFile("input.mtx", matrixMarket()));
        files.put("X.colnames", new NamedFile("colnames.txt", "a\nb\n".getBytes(StandardCharsets.UTF_8)));

        Response response = http.postFiles("/predict/", files);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).startsWith("ERROR: ");
    }

    @Test
    void scoresArrowStreamRawBody() throws IOException {
        assertMatchesExpected(http.post("/predict/", "application/x-apache-arrow-stream", arrow(false)));
    }

    @Test
    void scoresArrowFileRawBody() throws IOException {
        assertMatchesExpected(http.post("/predict/", "application/vnd.apache.arrow.file", arrow(true)));
    }

    @Test
    void scoresArrowFileAsMultipart() throws IOException {
        assertMatchesExpected(http.postX("/predict/", "input.arrow", arrow(true)));
    }

    @Test
    void rejectsGarbageArrowWith422() {
        Response response = http.post("/predict/", "application/x-apache-arrow-stream", "not arrow".getBytes());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).startsWith("ERROR: Arrow payload could not be read");
    }

    private static void assertMatchesExpected(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode predictions = response.json().path("predictions");
        assertThat(predictions.size()).isEqualTo(expected.length);
        for (int row = 0; row < expected.length; row++) {
            assertThat(predictions.get(row).asDouble()).isCloseTo(expected[row],
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    /** The rows as MatrixMarket coordinates, zeros left out as a sparse writer would. */
    private static byte[] matrixMarket() {
        StringBuilder entries = new StringBuilder();
        int nonZero = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < names.size(); c++) {
                double value = rows.get(r)[c];
                if (value != 0) {
                    entries.append(r + 1).append(' ').append(c + 1).append(' ').append(value).append('\n');
                    nonZero++;
                }
            }
        }
        String text = "%%MatrixMarket matrix coordinate real general\n% written by the test\n"
                + rows.size() + " " + names.size() + " " + nonZero + "\n" + entries;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] arrow(boolean fileFormat) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<FieldVector> vectors = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                Float8Vector vector = new Float8Vector(names.get(c), allocator);
                vector.allocateNew(rows.size());
                for (int r = 0; r < rows.size(); r++) {
                    vector.set(r, rows.get(r)[c]);
                }
                vector.setValueCount(rows.size());
                vectors.add(vector);
            }
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ArrowWriter writer = fileFormat
                        ? new ArrowFileWriter(root, null, Channels.newChannel(out))
                        : new ArrowStreamWriter(root, null, out)) {
                    writer.start();
                    writer.writeBatch();
                    writer.end();
                }
                return out.toByteArray();
            }
        }
    }
}
