package dev.timpani.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score} (R-CLI-1): a file in, DRUM's batch output out, through the same loaders and output contract as
 * the server ({@link BatchScorer}). The output goes to a temporary file renamed into place at the end, so an
 * interrupted run never leaves a file that looks complete.
 */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Score a file with a model folder and write the predictions (DRUM's `drum score`).")
class ScoreCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Mixin
    UnsupportedOptions unsupported = new UnsupportedOptions();

    @Option(names = "--input", required = true, description = "Input file: csv, or mtx (MatrixMarket)")
    Path input;

    @Option(names = "--output", description = "Output csv; standard output when absent")
    Path output;

    @Option(names = "--sparse-column-file", description = "Column names of an mtx input, one per line")
    Path sparseColumnFile;

    @Option(names = "--content-type", description = "Unstructured models: the input's Content-Type, e.g. "
            + "'text/plain; charset=utf-8' (default: text/plain)")
    String contentType;

    @Option(names = "--query", description = "Unstructured models: query parameters passed to the hook, "
            + "e.g. 'upper=1&lang=en'")
    String query;

    @Option(names = "--chunk-size", defaultValue = "10000", description = "Rows scored at a time (default: ${DEFAULT-VALUE})")
    int chunkSize;

    @Option(names = "--skip-predict", description = "Load the model and check the flags, then stop without scoring")
    boolean skipPredict;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandFailedException("--input " + input + ": no such file");
        }
        if (sparseColumnFile != null && !Files.isRegularFile(sparseColumnFile)) {
            throw new CommandFailedException("--sparse-column-file " + sparseColumnFile + ": no such file");
        }
        unsupported.refuse(System.err);
        Map<String, Object> properties = new LinkedHashMap<>(model.properties());
        properties.putAll(common.properties());
        properties.putAll(runtime.properties());
        BatchScorer batch = new BatchScorer(input, sparseColumnFile, contentType, query, chunkSize);
        try (HeadlessModel loaded = HeadlessModel.load(properties)) {
            batch.checkFlags(loaded.registry().require().targetType());
            if (skipPredict) {
                return 0;
            }
            if (output == null) {
                batch.score(loaded.registry().require(), loaded.scorer(), System.out, Progress.silent());
                System.out.flush();
            } else {
                writeAtomically(out -> {
                    try (Progress progress = Progress.forFile(input)) {
                        batch.score(loaded.registry().require(), loaded.scorer(), out, progress);
                    }
                });
            }
        }
        return 0;
    }

    /** What goes into the output file, written to its temporary twin first. */
    private interface OutputWriter {
        void write(OutputStream out) throws IOException;
    }

    private void writeAtomically(OutputWriter content) throws IOException {
        Path target = output.toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        // Also gone when the JVM is stopped (Ctrl-C, SIGTERM) before the rename.
        partial.toFile().deleteOnExit();
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.write(out);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
