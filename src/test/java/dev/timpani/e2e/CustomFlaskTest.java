package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-CFG-12: a {@code custom_flask.py} (DRUM's Flask extension, usually authentication) is never silently dropped.
 * The folder fails to load, naming the file and Timpani's replacement, unless the operator opts out explicitly.
 */
class CustomFlaskTest {

    /** The shape of DRUM's own auth fixture: a before_request hook that checks a header. */
    private static final String CUSTOM_FLASK = """
            from flask import request, jsonify

            def init_app(app):
                @app.before_request
                def check_auth():
                    if request.headers.get("X-Auth") != "t0k3n":
                        return jsonify({"message": "Auth token is invalid"}), 401
            """;

    @TempDir
    Path codeDir;

    @BeforeEach
    void modelFolderWithCustomFlask() throws IOException {
        Path example = Path.of("examples/xgboost-regression/model");
        try (var files = Files.list(example)) {
            for (Path file : files.toList()) {
                Files.copy(file, codeDir.resolve(file.getFileName()));
            }
        }
        Files.writeString(codeDir.resolve("custom_flask.py"), CUSTOM_FLASK);
    }

    @Test
    void refusesToServeAFolderWithCustomFlask() throws IOException {
        try (TimpaniServer server = start(Map.of())) {
            HttpTestClient http = server.http();
            Response health = http.get("/health/");
            Response predict = http.post("/predict/", "text/csv", StatusRoutesTest.exampleInput());

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo("ERROR: The code dir " + codeDir + " has custom_flask.py, which "
                    + "extends DRUM's Flask app (usually to add authentication). Timpani cannot run it, and serving "
                    + "the model without it could leave the model unprotected. Require an API key with "
                    + "timpani.security.api-key (environment variable TIMPANI_SECURITY_API_KEY) instead, and set "
                    + "timpani.security.ignore-custom-flask=true (TIMPANI_SECURITY_IGNORE_CUSTOM_FLASK=true) to serve "
                    + "this folder without custom_flask.py.");
            assertThat(predict.status()).isEqualTo(513);
            assertThat(predict.message()).isEqualTo(health.message());
        }
    }

    @Test
    void refusesItEvenWhenAnApiKeyIsSet() throws IOException {
        try (TimpaniServer server = start(Map.of("timpani.security.api-key", "s3cret-key"))) {
            assertThat(server.http().get("/health/").status()).isEqualTo(513);
        }
    }

    @Test
    void servesWithoutItWhenTheOperatorOptsOut() throws IOException {
        try (TimpaniServer server = start(Map.of("timpani.security.ignore-custom-flask", "true",
                "timpani.security.api-key", "s3cret-key"))) {
            HttpTestClient http = server.http();
            byte[] input = StatusRoutesTest.exampleInput();

            assertThat(http.get("/health/").status()).isEqualTo(200);
            assertThat(http.post("/predict/", "text/csv", input).status()).isEqualTo(401);
            assertThat(http.post("/predict/", "text/csv", input, Map.of("X-Api-Key", "s3cret-key")).body())
                    .startsWith("{\"predictions\":[21.15996932983");
        }
    }

    @Test
    void scoreHasNoRoutesToGuardAndScoresTheFolder() throws IOException {
        Path output = codeDir.getParent().resolve(codeDir.getFileName() + "-predictions.csv");
        int exit = dev.timpani.cli.TimpaniCommand.run(new String[] {"score", "--code-dir", codeDir.toString(),
                "--target-type", "regression", "--input", "examples/xgboost-regression/input.csv", "--output",
                output.toString()});

        assertThat(exit).isZero();
        assertThat(Files.readString(output)).startsWith("Predictions\n21.15996932983");
        Files.delete(output);
    }

    private TimpaniServer start(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("timpani.code-dir", codeDir.toString());
        properties.put("timpani.target-type", "regression");
        return TimpaniServer.start(properties);
    }
}
