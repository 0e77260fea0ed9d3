package dev.timpani.bench;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.PredictionsJsonWriter;
import dev.timpani.loaders.djl.OnnxLoader;
import dev.timpani.loaders.h2o.H2oLoader;
import dev.timpani.loaders.pmml.PmmlLoader;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * Each JVM loader's {@code predict} on a parsed frame ({@code predict}), and the whole in-process floor of a
 * /predict/ request ({@code floor}: csv bytes -> Frame -> predict -> JSON bytes) that bench/run-all.sh divides
 * the HTTP time by. One engine thread, as the server's default {@code timpani.engine.threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class LoaderPredictBenchmark {

    @Param({"xgboost_native_regression", "pmml_sklearn_regression", "h2o_mojo_regression", "onnx_regression"})
    public String corpusCase;

    @Param({"1", "1000"})
    public int rows;

    private ScoringModel model;
    private Frame frame;
    private byte[] body;
    private final CsvFrameReader reader = new CsvFrameReader();
    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path artifact = Corpus.artifact(corpusCase);
        String name = artifact.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ModelLoader loader = List.<ModelLoader>of(new XGBoostLoader(dev.timpani.model.VersionGate.of(XGBoostLoader.PROVEN, false)), new PmmlLoader(), new H2oLoader(),
                        new OnnxLoader()).stream()
                .filter(candidate -> candidate.extensions().contains(extension)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no loader for " + artifact));
        model = loader.load(artifact, new LoadContext(Corpus.modelDir(corpusCase), TargetType.REGRESSION,
                Optional.empty(), 1));
        model.warmUp();
        body = Corpus.csv(corpusCase, rows);
        frame = reader.read(new ByteArrayInputStream(body));
        RawPredictions check = model.predict(frame);
        if (check.rowCount() != rows) {
            throw new IllegalStateException(corpusCase + ": " + check.rowCount() + " predictions for " + rows + " rows");
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

    @Benchmark
    public int floor() {
        Frame parsed = reader.read(new ByteArrayInputStream(body));
        RawPredictions predictions = model.predict(parsed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rows * 24);
        writer.writeNumbers(out, predictions.columns()[0], null);
        return out.size();
    }
}
