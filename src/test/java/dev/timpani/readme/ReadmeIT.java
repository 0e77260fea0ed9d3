package dev.timpani.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.timpani.readme.BlockShell.Background;
import dev.timpani.readme.BlockShell.Result;
import dev.timpani.testing.ServerProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs README.md's blocks as a user would, in README order, in a copy of the repository as a fresh clone has it
 * (so {@code ./mvnw spring-boot:run} compiles from scratch and {@code ./mvnw -B -DskipTests package} builds the
 * jar the later blocks use), each on a random port instead of 8080. What each {@link Runner} checks is on the
 * runner. Runs in {@code verify}; {@link ReadmeBlocksTest} makes sure no block goes unmarked.
 */
class ReadmeIT {

    private static final String EXAMPLE = "examples/xgboost-regression";
    /** Long enough for {@code ./mvnw spring-boot:run} to compile the copy on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern OUTPUT = Pattern.compile("--output\\s+(\\S+)");
    private static final Pattern INPUT = Pattern.compile("--input\\s+(\\S+)");

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path work;

    private BlockShell shell;
    private Readme readme;
    private double[] expected;

    @TestFactory
    Stream<DynamicTest> readmeBlocksRunAsWritten() throws Exception {
        Path copy = RepositoryCopy.of(Path.of("").toAbsolutePath(), Files.createDirectories(work.resolve("timpani")));
        shell = new BlockShell(copy, work);
        readme = Readme.read(copy.resolve(Readme.FILE));
        expected = Files.readAllLines(copy.resolve(EXAMPLE + "/expected.csv"), StandardCharsets.UTF_8).stream()
                .skip(1).mapToDouble(Double::parseDouble).toArray();
        assertThat(readme.problems()).as("README.md's markers (ReadmeBlocksTest)").isEmpty();

        List<DynamicTest> tests = new ArrayList<>();
        for (ReadmeBlock block : readme.blocks()) {
            Runner runner = block.runner().orElseThrow();
            switch (runner) {
                case SERVES_EXAMPLE -> tests.add(DynamicTest.dynamicTest(block.label(), () -> servesExample(block)));
                case API_KEY_CURL -> tests.add(DynamicTest.dynamicTest(block.label(), () -> apiKeyCurl(block)));
                case V2_CURL -> tests.add(DynamicTest.dynamicTest(block.label(), () -> v2Curl(block)));
                case EXITS -> tests.add(DynamicTest.dynamicTest(block.label(), () -> exits(block)));
                case EXAMPLE_CURL, HELM_VALUES, CI, NOT_RUN -> {
                    // Run by servesExample, by ReadmeBlocksTest, or not at all.
                }
            }
        }
        return tests.stream();
    }

    /** The block ends serving the example; then every example-curl block answers the example's predictions. */
    private void servesExample(ReadmeBlock block) throws Exception {
        int port = ServerProcesses.freePort();
        try (Background server = shell.start(block.onPort(port), Map.of("ADDRESS", "127.0.0.1:" + port))) {
            ServerProcesses.awaitHealthy(server.process(), port, "/health/", server.log(), START_TIMEOUT);
            for (ReadmeBlock curl : readme.runBy(Runner.EXAMPLE_CURL)) {
                Result result = shell.run(curl.onPort(port), Map.of(), Duration.ofMinutes(1));

                assertThat(result.exitCode()).as(curl.label() + " against " + block.label() + ": "
                        + result.describe()).isZero();
                curl.claimedOutput().ifPresent(claim -> assertClaim(curl, claim, result.out()));
                assertExamplePredictions(curl.label(), result.out());
            }
        }
    }

    /** Against the jar started with the key the README shows: the key scores, a wrong one gets 401's message. */
    private void apiKeyCurl(ReadmeBlock block) throws Exception {
        int port = ServerProcesses.freePort();
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Map<String, String> env = Map.of("ADDRESS", "127.0.0.1:" + port, "TIMPANI_API_KEY", key);
        try (Background server = shell.start(
                "java -jar target/timpani.jar server --timpani.security.api-key=$TIMPANI_API_KEY", env)) {
            ServerProcesses.awaitHealthy(server.process(), port, "/health/", server.log(), START_TIMEOUT);

            Result withKey = shell.run(block.onPort(port), env, Duration.ofMinutes(1));
            assertThat(withKey.exitCode()).as(withKey.describe()).isZero();
            assertExamplePredictions(block.label(), withKey.out());

            Result wrongKey = shell.run(block.onPort(port), Map.of("TIMPANI_API_KEY", "wrong-" + key),
                    Duration.ofMinutes(1));
            assertThat(json.readTree(wrongKey.out()).path("message").asString()).as(wrongKey.describe())
                    .isEqualTo("ERROR: Invalid API key");
        }
    }

    /** Against the jar serving the embedded example: the V2 answer's predictions are the example's first ones. */
    private void v2Curl(ReadmeBlock block) throws Exception {
        int port = ServerProcesses.freePort();
        Map<String, String> env = Map.of("ADDRESS", "127.0.0.1:" + port);
        try (Background server = shell.start("java -jar target/timpani.jar", env)) {
            ServerProcesses.awaitHealthy(server.process(), port, "/health/", server.log(), START_TIMEOUT);

            Result result = shell.run(block.onPort(port), env, Duration.ofMinutes(1));
            assertThat(result.exitCode()).as(result.describe()).isZero();
            block.claimedOutput().ifPresent(claim -> assertClaim(block, claim, result.out()));
            JsonNode answer = json.readTree(result.out());
            JsonNode predictions = answer.path("outputs").get(0);
            assertThat(predictions.path("name").asString()).as(result.out()).isEqualTo("predictions");
            double[] values = new double[predictions.path("data").size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = predictions.path("data").get(row).asDouble();
            }
            assertThat(values).as("%s: the example's first predictions", block.label())
                    .isNotEmpty().containsExactly(Arrays.copyOf(expected, values.length), within(1e-6));
        }
    }

    /**
     * The block runs to its end with exit 0 and writes each {@code --output}; an output scored from the example's
     * input holds the example's predictions.
     */
    private void exits(ReadmeBlock block) throws Exception {
        for (String command : block.commands()) {
            Matcher output = OUTPUT.matcher(command);
            if (output.find()) {
                Files.deleteIfExists(shell.directory().resolve(output.group(1)));
            }
        }
        int port = ServerProcesses.freePort();
        Result result = shell.run(block.onPort(port), Map.of("ADDRESS", "127.0.0.1:" + port), RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        for (String command : block.commands()) {
            Matcher output = OUTPUT.matcher(command);
            if (!output.find()) {
                continue;
            }
            Path written = shell.directory().resolve(output.group(1));
            assertThat(written).as("%s writes %s", block.label(), written).isNotEmptyFile();
            Matcher input = INPUT.matcher(command);
            if (input.find() && input.group(1).startsWith(EXAMPLE + "/input.")) {
                List<String> lines = Files.readAllLines(written, StandardCharsets.UTF_8);
                assertThat(lines.get(0)).as(command).isEqualTo("Predictions");
                assertThat(lines.subList(1, lines.size()).stream().mapToDouble(Double::parseDouble).toArray())
                        .as(command).containsExactly(expected, within(1e-6));
            }
        }
    }

    /** What the block claims in a {@code # {...}} comment: a prefix up to a {@code ...}, else the whole output. */
    private static void assertClaim(ReadmeBlock block, String claim, String output) {
        int ellipsis = claim.indexOf("...");
        if (ellipsis >= 0) {
            assertThat(output).as("%s claims %s", block.label(), claim).startsWith(claim.substring(0, ellipsis));
        } else {
            assertThat(output.strip()).as("%s claims %s", block.label(), claim).isEqualTo(claim);
        }
    }

    private void assertExamplePredictions(String label, String output) {
        JsonNode predictions = json.readTree(output).path("predictions");
        assertThat(predictions.isArray()).as("%s prints predictions: %s", label, output).isTrue();
        double[] values = new double[predictions.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = predictions.get(row).asDouble();
        }
        assertThat(values).as("%s: the example's predictions", label).containsExactly(expected, within(1e-6));
    }
}
