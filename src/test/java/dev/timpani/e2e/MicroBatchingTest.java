package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 over HTTP: with micro-batching on, concurrent requests to an XGBoost model get byte for byte the answer
 * each gets when it is the only request, and a request with a bad value gets its own 422 naming its own row.
 */
class MicroBatchingTest {

    private static final int CLIENTS = 16;

    @Test
    void concurrentRequestsGetTheAnswersTheyGetAlone() throws Exception {
        CorpusCase corpusCase = Corpus.get("xgboost_native_binary");
        List<String> lines = Files.readAllLines(corpusCase.input(), StandardCharsets.UTF_8);
        String header = lines.get(0);
        List<byte[]> requests = new ArrayList<>();
        for (int from = 1, size = 1; from + size <= lines.size(); from += size, size = size % 5 + 1) {
            requests.add(csv(header, lines.subList(from, from + size)));
        }
        // The third row of this one is text in a numeric column.
        List<String> badRows = new ArrayList<>(lines.subList(1, 4));
        badRows.set(2, badRows.get(2).replaceFirst("^([^,]*),([^,]*)", "$1,abc"));
        int bad = requests.size() / 2;
        requests.add(bad, csv(header, badRows));

        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.engine.batching.enabled", "true");
        // One lane: with 16 clients on any machine, most requests find it taken and are joined into batches.
        properties.put("timpani.engine.batching.lanes", "1");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            HttpTestClient http = server.http();
            List<Response> alone = new ArrayList<>();
            for (byte[] request : requests) {
                alone.add(http.post("/predict/", "text/csv", request));
            }

            List<Response> together = postConcurrently(http, requests);

            for (int i = 0; i < requests.size(); i++) {
                Response answer = together.get(i);
                assertThat(answer.status()).as("request %d: %s", i, answer.body()).isEqualTo(alone.get(i).status());
                assertThat(answer.body()).as("request %d", i).isEqualTo(alone.get(i).body());
            }
            assertThat(together.get(bad).status()).isEqualTo(422);
            assertThat(together.get(bad).message())
                    .isEqualTo("ERROR: column 'debt_to_income' is not a number in row 3 (\"abc\")");
            assertThat(together).filteredOn(response -> response.status() == 200).hasSize(requests.size() - 1);
        }
    }

    /** Every request sent from {@link #CLIENTS} threads at once; the answers in request order. */
    private static List<Response> postConcurrently(HttpTestClient http, List<byte[]> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (byte[] request : requests) {
                calls.add(() -> http.post("/predict/", "text/csv", request));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : clients.invokeAll(calls, 5, TimeUnit.MINUTES)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static byte[] csv(String header, List<String> rows) throws IOException {
        return (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
