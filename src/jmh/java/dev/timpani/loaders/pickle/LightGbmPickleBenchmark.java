package dev.timpani.loaders.pickle;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.model.LoadContext;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.VersionGate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/**
 * A LightGBM pickle's {@code predict} in process, on a parsed frame (request parsing and JSON aside): the committed
 * exactness models ({@code src/test/resources/exactness/lightgbm-4.7.0}), rows taken from their {@code input.csv}
 * (threshold, NaN and huge-value rows included) and repeated to the batch size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class LightGbmPickleBenchmark {

    /**
     * A folder with {@code model/model.pkl} and {@code input.csv}, under the committed subset or absolute:
     * a binary classifier of 26 trees (248 leaves) on 10 features, 3 of them categorical; a quantile regressor of
     * 27 trees (204 leaves) on 10 features.
     */
    @Param({"LGBMClassifier/000", "LGBMRegressor/000"})
    public String model;

    @Param({"1", "300"})
    public int rows;

    private ScoringModel scoring;
    private Frame frame;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path folder = Path.of("src/test/resources/exactness/lightgbm-4.7.0").resolve(model);
        PickleLoader loader = new PickleLoader(new TimpaniProperties.Pickles(true), extension -> Optional.empty(),
                VersionGate.open());
        scoring = loader.load(folder.resolve("model/model.pkl"), new LoadContext(folder, TargetType.BINARY,
                Optional.empty(), 1));
        List<String> lines = Files.readAllLines(folder.resolve("input.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int row = 0; row < rows; row++) {
            csv.append(lines.get(1 + row % (lines.size() - 1))).append('\n');
        }
        frame = new CsvFrameReader().read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Benchmark
    public RawPredictions predict() {
        return scoring.predict(frame);
    }
}
