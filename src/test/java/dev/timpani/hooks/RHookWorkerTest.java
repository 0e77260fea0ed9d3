package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * custom.R hooks in the R worker (R-HOOK-9): DRUM's hook order and arguments, user output that cannot corrupt
 * the protocol (print, cat, message, warning, a child process writing to fd 1), and DRUM's errors. One regression
 * model whose {@code score} hook does what the request's {@code mode} column says.
 */
class RHookWorkerTest {

    static final String CUSTOM_R = """
            cat("top-level cat goes to stderr, not to the protocol\\n")
            print("top-level print")
            state <- list(initialised = FALSE)

            init <- function(code_dir, ...) {
                print(paste("init in", code_dir))
                state$initialised <<- TRUE
            }

            load_model <- function(code_dir) {
                cat("load_model cats to stdout\\n")
                list(scale = if (state$initialised) 2 else -1)
            }

            transform <- function(data, model) {
                print(dim(data))
                data
            }

            score <- function(data, model, ...) {
                mode <- as.character(data$mode[1])
                print(data)
                cat("score cats\\n")
                message("score messages")
                warning("score warns")
                system("echo a child process writing to fd 1")
                invisible(system2("printf", c("'\\\\000\\\\000\\\\000\\\\007raw bytes on fd 1\\\\n'")))
                if (mode == "kill") tools::pskill(Sys.getpid(), 9L)
                if (mode == "vector") return(data$x * 2)
                if (mode == "rows") return(data.frame(Predictions = rep(1, nrow(data) + 1)))
                if (mode == "stop") stop("boom in score")
                if (mode == "text") return(data.frame(Predictions = rep("a", nrow(data))))
                if (mode == "extra") {
                    return(data.frame(Predictions = data$x * model$scale, note = paste0("n", seq_len(nrow(data)))))
                }
                data.frame(Predictions = data$x * model$scale)
            }
            """;

    @TempDir
    static Path codeDir;

    static TimpaniServer server;

    @BeforeAll
    static void startServer() throws IOException {
        RSupport.assumePackages("stats");
        Files.writeString(codeDir.resolve("custom.R"), CUSTOM_R);
        server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(), "timpani.target-type", "regression",
                "timpani.workers.count", "1", "timpani.workers.request-timeout", "20s"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Response score(String mode, double x) {
        String csv = "mode,x\n" + mode + "," + x + "\n" + mode + "," + (x + 1) + "\n";
        return server.http().post("/predict/", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void printsToStdoutDoNotCorruptTheAnswer() {
        for (int i = 0; i < 3; i++) {
            Response response = score("ok", 1.5);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            // init ran before load_model (scale 2, not -1)
            assertThat(response.json().path("predictions").toString()).isEqualTo("[3.0,5.0]");
        }
        assertThat(server.http().get("/info/").json().path("language").asString()).isEqualTo("r");
    }

    @Test
    void nonDataFrameFromScoreGetsDrumsMessage() {
        Response response = score("vector", 1);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message())
                .isEqualTo("ERROR: predictions must be of a data.frame type, received double (from the score hook)");
    }

    @Test
    void wrongRowCountBreaksTheContract() {
        Response response = score("rows", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message()).isEqualTo("ERROR: The model returned 3 predictions for 2 input rows");
    }

    @Test
    void textPredictionsAreRejected() {
        Response response = score("text", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message()).startsWith("ERROR: Predictions must be numbers");
    }

    @Test
    void stopInAHookIsA500WithItsText() {
        Response response = score("stop", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message())
                .isEqualTo("ERROR: Model 'score' hook failed to make predictions. Exception: boom in score");
        assertThat(score("ok", 1.5).status()).isEqualTo(200);
    }

    @Test
    void extraColumnsBecomeExtraModelOutput() {
        Response response = score("extra", 1);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").toString()).isEqualTo("[2.0,4.0]");
        assertThat(response.json().path("extraModelOutput").path("columns").toString()).isEqualTo("[\"note\"]");
    }

    @Test
    void unreadableCsvIsA422() {
        Response response = server.http().post("/predict/", "text/csv", new byte[] {'a', '\n', (byte) 0xff, '\n'});
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.message()).contains("UTF-8");
    }

    @Test
    void killedWorkerCostsOneRequestAndIsReplaced() throws InterruptedException {
        Response response = score("kill", 0);
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.message()).startsWith("ERROR: The R worker").contains("died while serving the predict");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Response again = score("ok", 1.5);
        while (again.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            again = score("ok", 1.5);
        }
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("predictions").toString()).isEqualTo("[3.0,5.0]");
    }

    /** R-HOOK-11: load_model calls stop(), so every route answers 513 with the condition's text. */
    @Test
    void loadModelStopIsTheErrorServer(@TempDir Path failing) throws IOException {
        Files.writeString(failing.resolve("custom.R"), """
                load_model <- function(code_dir) {
                    print("about to fail")
                    stop("boom")
                }
                score <- function(data, model, ...) data.frame(Predictions = 1)
                """);
        try (TimpaniServer failed = TimpaniServer.start(Map.of("timpani.code-dir", failing.toString(),
                "timpani.target-type", "regression"))) {
            String expected = "ERROR: An error occurred when loading your artifact: 'load_model' hook failed to load "
                    + "the model. Exception: boom";
            for (String route : new String[] {"/ping/", "/health/"}) {
                Response response = failed.http().get(route);
                assertThat(response.status()).as(route).isEqualTo(513);
                assertThat(response.message()).as(route).startsWith(expected);
            }
            Response predict = failed.http().post("/predict/", "text/csv", "x\n1\n".getBytes(StandardCharsets.UTF_8));
            assertThat(predict.status()).isEqualTo(513);
            assertThat(predict.message()).contains("boom");
        }
    }

    /** Binary labels that R's make.names() changes come back as the requested labels (DRUM's RPredictor). */
    @Test
    void sanitizedClassNamesMapBackToTheRequestedLabels(@TempDir Path binary) throws IOException {
        Files.writeString(binary.resolve("custom.R"), """
                load_model <- function(code_dir) "constant"
                score <- function(data, model, ...) {
                    kwargs <- list(...)[[1]]
                    stopifnot(kwargs$positive_class_label == "yes-1", kwargs$negative_class_label == "no 0")
                    data.frame(yes.1 = rep(0.75, nrow(data)), no.0 = rep(0.25, nrow(data)))
                }
                """);
        try (TimpaniServer labelled = TimpaniServer.start(Map.of("timpani.code-dir", binary.toString(),
                "timpani.target-type", "binary", "timpani.labels.positive", "yes-1",
                "timpani.labels.negative", "no 0"))) {
            Response response = labelled.http().post("/predict/", "text/csv",
                    "x\n1\n2\n".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("predictions").get(0).path("yes-1").asDouble()).isEqualTo(0.75);
            assertThat(response.json().path("predictions").get(1).path("no 0").asDouble()).isEqualTo(0.25);
        }
    }

    /** R-HOOK-6 / R-UNS: score_unstructured(model, data, mimetype, charset, query, headers). */
    @Test
    void unstructuredHookGetsTextAndQuery(@TempDir Path unstructured) throws IOException {
        Files.writeString(unstructured.resolve("custom.R"), """
                load_model <- function(code_dir) "model"
                score_unstructured <- function(model, data, query, ...) {
                    print(query)
                    list(paste0(toupper(data), query$suffix, " ", list(...)$mimetype), list(mimetype = "text/x-r"))
                }
                """);
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", unstructured.toString(),
                "timpani.target-type", "unstructured"))) {
            Response response = server.http().post("/predictUnstructured/?suffix=!", "text/plain; charset=utf-8",
                    "héllo".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("HÉLLO! text/plain");
            assertThat(response.contentType()).startsWith("text/x-r");
        }
    }
}
