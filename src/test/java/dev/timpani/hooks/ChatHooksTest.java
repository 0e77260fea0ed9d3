package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-ROUTE-9 / R-HOOK-7: a textgeneration model whose {@code chat} hook echoes the last user message, as one
 * ChatCompletion or, with {@code "stream": true}, as a generator of chunks (one per word, the second a second
 * late, so the test can see the first one arrive before the rest exist). The chunks are objects with
 * {@code to_dict()} as the openai package's are; {@code "typed"} answers an object with {@code model_dump()}
 * as pydantic's (neither package is needed).
 */
class ChatHooksTest {

    static final String CUSTOM_PY = """
            import time


            def load_model(code_dir):
                return "echo-model"


            def last_user(params):
                for message in reversed(params.get("messages") or []):
                    if message.get("role") == "user":
                        return message.get("content") or ""
                return ""


            class ModelDumped:
                # Stands in for a pydantic ChatCompletion: serialised with model_dump().

                def __init__(self, **fields):
                    self.fields = fields

                def model_dump(self, mode="python", exclude_unset=False, by_alias=False):
                    return dict(self.fields)


            class ToDicted:
                # Stands in for an openai SDK object: serialised with to_dict().

                def __init__(self, fields):
                    self.fields = fields

                def to_dict(self):
                    return dict(self.fields)


            def chunk(model, delta, finish=None):
                return ToDicted({"id": "chatcmpl-echo", "object": "chat.completion.chunk", "created": 1, "model": model,
                                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})


            def chat(completion_create_params, model):
                text = last_user(completion_create_params)
                if text == "boom":
                    raise ValueError("the echo model refuses to boom")
                if completion_create_params.get("stream"):
                    def chunks():
                        if text == "late boom":
                            raise RuntimeError("boom before the first chunk")
                        words = text.split()
                        for i, word in enumerate(words):
                            yield chunk(model, {"role": "assistant", "content": word} if i == 0
                                        else {"content": " " + word})
                            if i == 0:
                                time.sleep(1.0)
                            if word == "midway":
                                raise RuntimeError("the stream broke midway")
                        yield chunk(model, {}, "stop")
                    return chunks()
                if text == "typed":
                    return ModelDumped(id="chatcmpl-typed", object="chat.completion", created=1, model=model,
                                       choices=[{"index": 0, "message": {"role": "assistant", "content": "typed"},
                                                 "finish_reason": "stop"}])
                return {"id": "chatcmpl-echo", "object": "chat.completion", "created": 1, "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path codeDir;

    private static TimpaniServer server;

    @BeforeAll
    static void start() throws Exception {
        PythonSupport.assumeModules("pandas");
        Files.writeString(codeDir.resolve("custom.py"), CUSTOM_PY);
        Files.writeString(codeDir.resolve("model-metadata.yaml"), "name: echo-llm\ntargetType: textgeneration\n");
        server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "textgeneration"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] request(String content, boolean stream) {
        return ("{\"model\": \"echo-llm\", \"stream\": " + stream + ", \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"be brief\"},"
                + "{\"role\": \"user\", \"content\": \"" + content + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersACompletionWithTheEchoedMessage() {
        for (String route : List.of("/chat/completions", "/v1/chat/completions")) {
            Response answer = server.http().post(route, "application/json", request("hello there", false));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("application/json");
            JsonNode completion = answer.json();
            assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
            assertThat(completion.path("model").asString()).isEqualTo("echo-model");
            assertThat(completion.path("choices").get(0).path("message").path("content").asString())
                    .isEqualTo("hello there");
        }
    }

    @Test
    void serialisesObjectsWithModelDump() {
        Response answer = server.http().post("/v1/chat/completions", "application/json", request("typed", false));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("choices").get(0).path("message").path("content").asString()).isEqualTo("typed");
    }

    @Test
    void streamsEachChunkAsAnEventAsItArrives() throws Exception {
        HttpResponse<InputStream> response = postStreaming("/v1/chat/completions", request("one two three", true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        List<String> lines = new ArrayList<>();
        long firstChunkAt = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines.isEmpty()) {
                    firstChunkAt = System.nanoTime();
                }
                lines.add(line);
            }
        }
        long restTook = (System.nanoTime() - firstChunkAt) / 1_000_000;
        // The hook sleeps a second after its first chunk: that chunk was flushed before the others existed.
        assertThat(restTook).as("ms between the first event and the end").isGreaterThanOrEqualTo(700);

        List<String> events = lines.stream().filter(line -> !line.isEmpty()).toList();
        assertThat(events).allMatch(line -> line.startsWith("data: "));
        assertThat(lines).filteredOn(String::isEmpty).hasSize(events.size()); // each event ends with a blank line
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(event -> JSON.readTree(event.substring("data: ".length()))).toList();
        assertThat(chunks).hasSize(4);
        assertThat(chunks).allMatch(chunk -> "chat.completion.chunk".equals(chunk.path("object").asString()));
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.path("choices").get(0).path("delta").path("content").asString("")));
        assertThat(text.toString()).isEqualTo("one two three");
        assertThat(chunks.get(3).path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    }

    @Test
    void listsTheModelAndReportsChatInCapabilities() {
        for (String route : List.of("/models", "/v1/models")) {
            Response models = server.http().get(route);
            assertThat(models.status()).as(models.body()).isEqualTo(200);
            assertThat(models.json().path("object").asString()).isEqualTo("list");
            assertThat(models.json().path("data")).hasSize(1);
            assertThat(models.json().path("data").get(0).path("id").asString()).isEqualTo("echo-llm");
            assertThat(models.json().path("data").get(0).path("object").asString()).isEqualTo("model");
        }
        Response capabilities = server.http().get("/capabilities/");
        assertThat(capabilities.json().path("supported_methods").path("chat").asBoolean()).isTrue();
    }

    @Test
    void aRaisingHookIsA500WithItsTextAndTheServerGoesOn() throws Exception {
        Response failed = server.http().post("/chat/completions", "application/json", request("boom", false));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.message()).isEqualTo("ERROR: the echo model refuses to boom");

        // A generator that fails before its first chunk: still a plain 500, no event stream started.
        Response late = server.http().post("/chat/completions", "application/json", request("late boom", true));
        assertThat(late.status()).isEqualTo(500);
        assertThat(late.message()).contains("boom before the first chunk");

        Response bad = server.http().post("/chat/completions", "application/json", "{not json".getBytes());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.message()).contains("not valid JSON");

        // A failure mid-stream: the chunks so far, then an error event, and no [DONE].
        HttpResponse<InputStream> broken = postStreaming("/chat/completions", request("first midway never", true));
        assertThat(broken.statusCode()).isEqualTo(200);
        List<String> events;
        try (InputStream body = broken.body()) {
            events = new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
        }
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).contains("\"content\":\"first\"");
        assertThat(events.get(1)).contains("\"content\":\" midway\"");
        JsonNode error = JSON.readTree(events.get(2).substring("data: ".length())).path("error");
        assertThat(error.path("message").asString()).contains("the stream broke midway");

        Response after = server.http().post("/chat/completions", "application/json", request("still here", false));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().path("choices").get(0).path("message").path("content").asString()).isEqualTo("still here");
    }

    @Test
    void aClientLeavingMidStreamCostsOnlyItsWorker() throws Exception {
        HttpResponse<InputStream> response = postStreaming("/chat/completions", request("leave after first", true));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).startsWith("data: ");
        }
        Response after = server.http().post("/chat/completions", "application/json", request("next one", false));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().path("choices").get(0).path("message").path("content").asString()).isEqualTo("next one");
    }

    @Test
    void aModelWithoutAChatHookAnswers404(@TempDir Path plain) throws Exception {
        Files.writeString(plain.resolve("custom.py"), """
                def load_model(code_dir):
                    return "plain"


                def score_unstructured(model, data, **kwargs):
                    return "plain answer"
                """);
        try (TimpaniServer other = TimpaniServer.start(Map.of("timpani.code-dir", plain.toString(),
                "timpani.target-type", "unstructured"))) {
            for (String route : List.of("/chat/completions", "/v1/chat/completions")) {
                Response answer = other.http().post(route, "application/json", request("hi", false));
                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.message()).contains("no chat hook");
            }
            assertThat(other.http().get("/v1/models").status()).isEqualTo(404);
            assertThat(other.http().get("/capabilities/").json().path("supported_methods").path("chat").asBoolean())
                    .isFalse();
        }
    }

    private static HttpResponse<InputStream> postStreaming(String path, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.http().baseUrl() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
}
