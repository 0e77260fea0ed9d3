package dev.timpani.bench;

import dev.timpani.data.PredictionsJsonWriter;
import java.io.ByteArrayOutputStream;
import java.util.Random;
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

/** Regression predictions -> the {"predictions": [...]} body (PredictionsJsonWriter). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class JsonWriteBenchmark {

    @Param({"1", "1000"})
    public int rows;

    private double[] values;
    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextDouble() * 1000;   // full-precision doubles, like float32 models widened
        }
    }

    @Benchmark
    public int frameToJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rows * 24);
        writer.writeNumbers(out, values, null);
        return out.size();
    }
}
