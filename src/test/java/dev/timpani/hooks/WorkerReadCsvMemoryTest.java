package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.PythonSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker reads every csv request with pandas; pandas' {@code read_csv} leaks 39 bytes a call (see
 * {@code _StrictErrors} in the worker's {@code timpani_worker/payloads.py}), which grew a soaked worker by ~45 bytes a request. Counts the interpreter's
 * allocated memory blocks around many reads of the worker's own {@code read_structured}, as a worker would make
 * them, valid and broken csv alike.
 */
class WorkerReadCsvMemoryTest {

    private static final int READS = 5000;

    private static final String DRIVER = """
            import gc, sys
            sys.path.insert(0, sys.argv[1])
            from timpani_worker import errors, payloads
            bodies = [b"a,b,c\\n1.5,2,x\\n", b'a,b\\n"1,2\\n', b""]
            def read_all(n):
                for i in range(n):
                    try:
                        payloads.read_structured(bodies[i % len(bodies)], "text/csv", None, None)
                    except errors.BadInput:
                        pass
            read_all(500)  # pandas' caches and the interpreter's free lists fill first
            gc.collect()
            before = sys.getallocatedblocks()
            read_all(int(sys.argv[2]))
            gc.collect()
            with open(sys.argv[3], "w") as out:
                out.write(str(sys.getallocatedblocks() - before))
            """;

    @Test
    void readingCsvRequestsDoesNotKeepMemory(@TempDir Path dir) throws Exception {
        PythonSupport.assumeModules("pandas");
        try (WorkerScripts worker = WorkerScripts.extract(WorkerLanguage.PYTHON)) {
            readAndCount(dir, worker.directory());
        }
    }

    private static void readAndCount(Path dir, Path worker) throws Exception {
        Path driver = dir.resolve("driver.py");
        Files.writeString(driver, DRIVER);
        Path result = dir.resolve("blocks.txt");

        Process python = new ProcessBuilder(PythonSupport.python(), driver.toString(), worker.toString(),
                Integer.toString(READS), result.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();

        long blocksKept = Long.parseLong(Files.readString(result).strip());
        // With the leak: one block per read (~5,000). Without: a few dozen at most, whatever pandas caches.
        assertThat(blocksKept).as("memory blocks still allocated after %d reads", READS).isLessThan(READS / 10);
    }
}
