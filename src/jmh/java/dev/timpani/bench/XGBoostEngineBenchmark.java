package dev.timpani.bench;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.model.LoadContext;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.VersionGate;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The XGBoost loader's {@code predict} on a parsed frame with each engine: the compiled tree engine and XGBoost4J
 * (in-place prediction, one engine thread), on the corpus's native boosters. {@code bench/jmh.sh XGBoostEngine}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class XGBoostEngineBenchmark {

    @Param({"xgboost_native_regression", "xgboost_native_binary", "xgboost_native_multiclass"})
    public String corpusCase;

    @Param({"compiled", "xgboost4j"})
    public String engine;

    @Param({"1", "150"})
    public int rows;

    private ScoringModel model;
    private Frame frame;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // XGBoost4J is proven on the corpus' boosters only through the compiled engine's models: trusted here, to
        // time the engine the server would use for a booster the compiled engine declines.
        XGBoostLoader loader = new XGBoostLoader(VersionGate.of(XGBoostLoader.PROVEN, !engine.equals("compiled")),
                engine.equals("compiled"));
        model = loader.load(Corpus.artifact(corpusCase), new LoadContext(Corpus.modelDir(corpusCase),
                TargetType.REGRESSION, Optional.empty(), 1));
        if (model.description().contains("compiled") != engine.equals("compiled")) {
            throw new IllegalStateException(corpusCase + " is served by " + model.description());
        }
        model.warmUp();
        frame = new CsvFrameReader().read(new ByteArrayInputStream(Corpus.csv(corpusCase, rows)));
        if (model.predict(frame).rowCount() != rows) {
            throw new IllegalStateException(corpusCase + ": wrong prediction count");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public RawPredictions predict() {
        return model.predict(frame);
    }
}
