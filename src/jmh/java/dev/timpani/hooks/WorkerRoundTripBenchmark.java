package dev.timpani.hooks;

import dev.timpani.data.Payload;
import dev.timpani.model.LoadContext;
import dev.timpani.model.PayloadScoringModel.PayloadPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One predict round trip through a Python hook worker (frames over stdin/stdout, pandas read_csv in the worker,
 * a score hook that returns zeros, the answer decoded): the protocol's floor for a 1-row request.
 * The interpreter is {@code -Dtimpani.test.python} (default /usr/bin/python3, which needs pandas).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class WorkerRoundTripBenchmark {

    static final String CUSTOM_PY = """
            import pandas as pd


            def load_model(code_dir):
                return "zeros"


            def score(data, model, **kwargs):
                return pd.DataFrame({"Predictions": [0.0] * len(data)})
            """;

    private Path codeDir;
    private HookModel model;
    private Payload payload;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        codeDir = Files.createTempDirectory("timpani-bench-hooks");
        Path custom = codeDir.resolve("custom.py");
        Files.writeString(custom, CUSTOM_PY);
        String python = System.getProperty("timpani.test.python", "/usr/bin/python3");
        WorkerSettings settings = new WorkerSettings(python, "Rscript", 1, 16, Duration.ofSeconds(60),
                Duration.ofMinutes(2), 1, java.util.Map.of());
        ScoringModel loaded = new HooksLoader(settings, WorkerLanguage.PYTHON)
                .load(custom, new LoadContext(codeDir, TargetType.REGRESSION, Optional.empty(), 1));
        model = (HookModel) loaded;
        payload = Payload.of("a,b,c\n1.5,2,x\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        if (model.predict(payload).predictions().rowCount() != 1) {
            throw new IllegalStateException("worker did not answer one row");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
        try (var paths = Files.walk(codeDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public PayloadPredictions predictOneRow() {
        return model.predict(payload);
    }
}
