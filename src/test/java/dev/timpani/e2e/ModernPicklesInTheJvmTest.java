package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The modern twins (pickles written by scikit-learn 1.9.1 and LightGBM 4.7.0, {@code make_modern_twins.py}) served
 * with no Python at all: every one the JVM compiles answers what the library answered, through {@code /predict/}
 * and {@code /invocations}, and {@code /info/} says the JVM serves it. The twins that need Python (a hook folder,
 * ONNX beside a custom.py) and the sparse one (MatrixMarket input) are the workers' test's. The mixed-types twin
 * saved compressed by joblib has its csv read as its pickled twin's, with pandas 2's missing values: its NumPy 2 is
 * seen in the decompressed stream.
 */
class ModernPicklesInTheJvmTest {

    static Stream<CorpusCase> compiledTwins() throws IOException {
        return ModernPicklesOnWorkersTest.twins().filter(twin -> (Files.exists(twin.folder().resolve("model/model.pkl"))
                || Files.exists(twin.folder().resolve("model/model.joblib")))
                && !Files.exists(twin.folder().resolve("model/custom.py"))
                && !Files.exists(twin.folder().resolve("input.mtx")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compiledTwins")
    void servesTheTwinInTheJvmAsTheLibraryDid(CorpusCase twin) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(twin.serverProperties());
        properties.put("timpani.workers.python", "/nonexistent/python3");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            assertThat(server.http().get("/info/").json().path("servedBy").asString()).startsWith("pickle: ");
            ModernPicklesOnWorkersTest.answersAsTheLibraryDid(server, twin);
        }
    }
}
