package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code perf-test} (R-CLI-2): a table of latency and throughput per payload size and concurrency. */
class PerfTestCommandTest {

    @Test
    void printsOneRowPerPayloadSizeAndConcurrencyWithDrumsShortFlags() {
        CorpusCase regression = Corpus.get("xgboost_native_regression");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = TimpaniCommand.run(new String[] {"perf-test", "--code-dir", regression.modelDir().toString(),
                    "--target-type", "regression", "--input", regression.input().toString(), "-s", "1,500",
                    "--concurrency", "1,2", "-i", "5"});
        } finally {
            System.setOut(original);
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isZero();
        assertThat(lines.get(0)).contains("rows", "conns", "p50 ms", "p99 ms", "rows/s", "server MB");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).matches("\\s+500\\s+2\\s+5\\s+0\\s+.*");
    }

    @Test
    void repeatsInputRowsToTheRequestedPayloadSize() {
        byte[] payload = PerfTestCommand.payload(List.of("a,b", "1,2", "3,4"), 3);

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n3,4\n1,2\n");
    }
}
