package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-CFG-9 / R-RTP-1 over HTTP, with the cases of DRUM's own {@code test_runtime_parameters.py}: the
 * {@code MLOPS_RUNTIME_PARAM_*} variables and the values file reach the model's code, checked with DRUM's rules; a
 * bad values file fails the load of any model (Python, R or JVM-native), a bad variable fails when the model reads
 * it, each with DRUM's message (here on the error server's 513).
 */
class RuntimeParametersServerTest {

    private static final String CREDENTIAL = "{\"credentialType\": \"s3\", \"region\": \"us-west\", "
            + "\"awsAccessKeyId\": \"123\", \"awsSecretAccessKey\": \"abc\", \"awsSessionToken\": \"456edf\"}";
    private static final String LOAD_FAILED = "ERROR: An error occurred when loading your artifact: 'load_model' "
            + "hook failed to load the model. Exception: ";

    @TempDir
    Path temp;

    Path pythonModel;

    @BeforeEach
    void pythonModel() throws URISyntaxException {
        pythonModel = model("runtime-params-python");
    }

    static Path model(String name) throws URISyntaxException {
        return Path.of(RuntimeParametersServerTest.class.getResource("/models/" + name).toURI());
    }

    /** DRUM's test's variables, with the boolean and numeric payloads given. */
    static Map<String, Object> variables(String bool, String numeric, boolean withCredentialType) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("MLOPS_RUNTIME_PARAM_SOME_STR_KEY", "{\"type\": \"string\", \"payload\": \"Hello\"}");
        variables.put("MLOPS_RUNTIME_PARAM_SOME_AWS_CRED_KEY", "{\"type\": \"credential\", \"payload\": "
                + (withCredentialType ? CREDENTIAL : CREDENTIAL.replace("\"credentialType\": \"s3\", ", "")) + "}");
        variables.put("MLOPS_RUNTIME_PARAM_SOME_DEPLOYMENT_KEY",
                "{\"type\": \"deployment\", \"payload\": \"65415890b9b0fd93778e6935\"}");
        variables.put("MLOPS_RUNTIME_PARAM_SOME_BOOLEAN_KEY", "{\"type\": \"boolean\", \"payload\": " + bool + "}");
        variables.put("MLOPS_RUNTIME_PARAM_SOME_NUMERIC_KEY", "{\"type\": \"numeric\", \"payload\": " + numeric + "}");
        return variables;
    }

    /** DRUM's test's values file, with the boolean and numeric values given. */
    Path valuesFile(String bool, String numeric, boolean withCredentialType) throws IOException {
        return valuesFile("values.yaml", bool, numeric, withCredentialType);
    }

    Path valuesFile(String file, String bool, String numeric, boolean withCredentialType) throws IOException {
        String yaml = """
                SOME_AWS_CRED_KEY:
                  awsAccessKeyId: '123'
                  awsSecretAccessKey: abc
                  awsSessionToken: 456edf
                %s  region: us-west
                SOME_BOOLEAN_KEY: %s
                SOME_DEPLOYMENT_KEY: 65415890b9b0fd93778e6935
                SOME_NUMERIC_KEY: %s
                SOME_STR_KEY: Hello
                """.formatted(withCredentialType ? "  credentialType: s3\n" : "", bool, numeric);
        return Files.writeString(temp.resolve(file), yaml);
    }

    static TimpaniServer start(Path codeDir, Map<String, String> properties, Map<String, Object> variables) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("timpani.code-dir", codeDir.toString());
        all.putIfAbsent("timpani.target-type", "unstructured");
        return TimpaniServer.start(all, variables);
    }

    static Response score(TimpaniServer server, String query) {
        return server.http().post("/predictUnstructured/" + query, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void variablesReachTheModel() {
        PythonSupport.assumeModules("json");
        try (TimpaniServer server = start(pythonModel, Map.of(), variables("true", "123", true))) {
            Response response = score(server, "");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"SOME_AWS_CRED_KEY\": " + CREDENTIAL.replace(
                    "{\"credentialType\": \"s3\", \"region\": \"us-west\", \"awsAccessKeyId\": \"123\", "
                            + "\"awsSecretAccessKey\": \"abc\", \"awsSessionToken\": \"456edf\"}",
                    "{\"awsAccessKeyId\": \"123\", \"awsSecretAccessKey\": \"abc\", \"awsSessionToken\": \"456edf\", "
                            + "\"credentialType\": \"s3\", \"region\": \"us-west\"}")
                    + ", \"SOME_BOOLEAN_KEY\": true, \"SOME_DEPLOYMENT_KEY\": \"65415890b9b0fd93778e6935\", "
                    + "\"SOME_NUMERIC_KEY\": 123, \"SOME_STR_KEY\": \"Hello\"}");
        }
    }

    @Test
    void invalidJsonInAVariableFailsTheLoadWithDrumsMessage() {
        PythonSupport.assumeModules("json");
        Map<String, Object> variables = variables("false", "123", true);
        variables.replaceAll((name, json) -> json + "-invalid");
        try (TimpaniServer server = start(pythonModel, Map.of(), variables)) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo(LOAD_FAILED + "Invalid runtime parameter json payload. payload="
                    + variables.get("MLOPS_RUNTIME_PARAM_SOME_STR_KEY"));
        }
    }

    @Test
    void aCredentialWithoutItsTypeFailsTheLoadWithDrumsMessage() {
        PythonSupport.assumeModules("json");
        try (TimpaniServer server = start(pythonModel, Map.of(), variables("false", "123", false))) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            // DRUM's test_runtime_parameters_missing_attr: its regex, as Java writes it.
            assertThat(health.message()).startsWith(LOAD_FAILED + "Invalid runtime parameter! env_value=")
                    .containsPattern(Pattern.compile(".*Invalid runtime parameter!.*\\{\\\\{7}'credentialType\\\\{7}': "
                            + "DataError\\(\\\\{7}'is required\\\\{7}'\\)}.*"));
        }
    }

    @Test
    void nonBooleanAndNonNumericVariablesFailTheLoadWithDrumsMessages() {
        PythonSupport.assumeModules("json");
        try (TimpaniServer server = start(pythonModel, Map.of(), variables("\"text\"", "123", true))) {
            assertThat(server.http().get("/health/").message())
                    .containsPattern(".*Invalid runtime parameter!.*value should be True or False.*");
        }
        try (TimpaniServer server = start(pythonModel, Map.of(), variables("false", "\"text\"", true))) {
            assertThat(server.http().get("/health/").message())
                    .containsPattern(".*Invalid runtime parameter!.*value can.*'t be converted to float.*");
        }
    }

    /** As in DRUM, a variable is checked when the model reads it: one never read does not stop the model. */
    @Test
    void aBadVariableTheModelDoesNotReadAtLoadFailsOnlyWhenRead() {
        PythonSupport.assumeModules("json");
        Map<String, Object> variables = variables("true", "123", true);
        variables.put("MLOPS_RUNTIME_PARAM_UNDECLARED", "{\"type\": \"string\", \"payload\": 7}");
        try (TimpaniServer server = start(pythonModel, Map.of(), variables)) {
            assertThat(server.http().get("/health/").status()).isEqualTo(200);
            assertThat(score(server, "?read=SOME_STR_KEY").body()).isEqualTo("\"Hello\"");
            Response read = score(server, "?read=UNDECLARED");
            assertThat(read.status()).isEqualTo(500);
            assertThat(read.message()).contains("Invalid runtime parameter! env_value={'type': 'string', 'payload': 7}, "
                    + "exception: {0: DataError(");
            Response missing = score(server, "?read=NOPE");
            assertThat(missing.message()).contains("Runtime parameter 'NOPE' does not exist!");
        }
    }

    @Test
    void theValuesFileReachesTheModelByFlagAndByVariable() throws IOException {
        PythonSupport.assumeModules("json", "yaml");
        Path values = valuesFile("false", "123", true);
        String expected = "{\"SOME_AWS_CRED_KEY\": {\"awsAccessKeyId\": \"123\", \"awsSecretAccessKey\": \"abc\", "
                + "\"awsSessionToken\": \"456edf\", \"credentialType\": \"s3\", \"region\": \"us-west\"}, "
                + "\"SOME_BOOLEAN_KEY\": false, \"SOME_DEPLOYMENT_KEY\": \"65415890b9b0fd93778e6935\", "
                + "\"SOME_NUMERIC_KEY\": 123, \"SOME_STR_KEY\": \"Hello\"}";
        try (TimpaniServer server = start(pythonModel, Map.of("timpani.drum.runtime-params-file", values.toString()),
                Map.of())) {
            Response response = score(server, "");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(expected);
        }
        try (TimpaniServer server = start(pythonModel, Map.of(), Map.of("RUNTIME_PARAMS_FILE", values.toString()))) {
            assertThat(score(server, "").body()).isEqualTo(expected);
        }
    }

    @Test
    void anInvalidValuesFileFailsTheLoadWithDrumsMessage() throws IOException {
        Path values = valuesFile("false", "123", true);
        Files.writeString(values, "invalid-\n" + Files.readString(values));
        try (TimpaniServer server = start(pythonModel, Map.of("timpani.drum.runtime-params-file", values.toString()),
                Map.of())) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: Invalid runtime parameter values YAML content! ");
        }
    }

    @Test
    void badValuesFailTheLoadWithDrumsMessages() throws IOException {
        Map<String, String> expected = Map.of(
                "missing", "ERROR: Failed to load runtime parameter 'SOME_AWS_CRED_KEY'. {'payload': DataError('{0: "
                        + "DataError(\\'value should be None\\'), 1: DataError(\"{\\'credentialType\\': "
                        + "DataError(\\'is required\\')}\")}')}",
                "bool", "ERROR: Failed to load runtime parameter 'SOME_BOOLEAN_KEY'. {'payload': DataError(\"{0: "
                        + "DataError('value should be None'), 1: DataError('value should be True or False')}\")}",
                "numeric", "ERROR: Failed to load runtime parameter 'SOME_NUMERIC_KEY'. {'payload': DataError('{0: "
                        + "DataError(\\'value should be None\\'), 1: DataError(\"value can\\'t be converted to "
                        + "float\")}')}",
                "range", "ERROR: Failed to load runtime parameter 'SOME_NUMERIC_KEY'. {'payload': DataError(\"{0: "
                        + "DataError('value should be None'), 1: DataError('value is greater than 1000')}\")}");
        Map<String, Path> files = Map.of(
                "missing", valuesFile("missing.yaml", "false", "123", false),
                "bool", valuesFile("bool.yaml", "text", "123", true),
                "numeric", valuesFile("numeric.yaml", "false", "text", true),
                "range", valuesFile("range.yaml", "false", "1001", true));
        for (String name : expected.keySet()) {
            try (TimpaniServer server = start(pythonModel,
                    Map.of("timpani.drum.runtime-params-file", files.get(name).toString()), Map.of())) {
                Response health = server.http().get("/health/");
                assertThat(health.status()).as(name).isEqualTo(513);
                assertThat(health.message()).as(name).isEqualTo(expected.get(name));
            }
        }
    }

    /** The values file is DRUM's start-up check, so a JVM-native model is held to it too. */
    @Test
    void aJvmNativeModelChecksItsValuesFileToo() throws IOException {
        Path codeDir = Files.createDirectories(temp.resolve("pmml"));
        Files.copy(Corpus.get("pmml_sklearn_regression").modelDir().resolve("model.pmml"),
                codeDir.resolve("model.pmml"));
        Files.writeString(codeDir.resolve("model-metadata.yaml"),
                "runtimeParameterDefinitions:\n  - fieldName: THRESHOLD\n    type: numeric\n");
        Path good = Files.writeString(temp.resolve("good.yaml"), "THRESHOLD: 0.5\n");
        Path bad = Files.writeString(temp.resolve("bad.yaml"), "THRESHOLD: high\n");
        Map<String, String> regression = Map.of("timpani.target-type", "regression");
        try (TimpaniServer server = start(codeDir, with(regression, good), Map.of())) {
            assertThat(server.http().get("/health/").status()).isEqualTo(200);
        }
        try (TimpaniServer server = start(codeDir, with(regression, bad), Map.of())) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo("ERROR: Failed to load runtime parameter 'THRESHOLD'. "
                    + "{'payload': DataError('{0: DataError(\\'value should be None\\'), 1: DataError(\"value "
                    + "can\\'t be converted to float\")}')}");
        }
    }

    /** R code reads the variables itself (DRUM has no R RuntimeParameters); the file's values are among them. */
    @Test
    void valuesFromTheFileReachAnRModelAsVariables() throws Exception {
        RSupport.assumePackages();
        Path values = Files.writeString(temp.resolve("r.yaml"), "OTHER: 1\n");
        try (TimpaniServer server = start(model("runtime-params-r"),
                Map.of("timpani.drum.runtime-params-file", values.toString()), Map.of())) {
            Response response = score(server, "");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"payload\":\"hello from the definition\",\"type\":\"string\"}");
        }
    }

    private static Map<String, String> with(Map<String, String> properties, Path valuesFile) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("timpani.drum.runtime-params-file", valuesFile.toString());
        return all;
    }
}
