package dev.timpani.bench;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import java.io.ByteArrayInputStream;
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

/** csv request body -> Frame, as /predict/ reads a text/csv body. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class CsvParseBenchmark {

    @Param({"1", "1000"})
    public int rows;

    @Param({"xgboost_native_regression"})
    public String corpusCase;

    private byte[] body;
    private final CsvFrameReader reader = new CsvFrameReader();

    @Setup(Level.Trial)
    public void setUp() {
        body = Corpus.csv(corpusCase, rows);
    }

    @Benchmark
    public Frame csvToFrame() {
        return reader.read(new ByteArrayInputStream(body));
    }
}
