package dev.timpani.cli;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.MatrixMarketReader;
import dev.timpani.data.Payload;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.PayloadScoringModel;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TransformModel;
import dev.timpani.model.UnstructuredModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score} (R-CLI-1): a file in, DRUM's batch output out, through the same loaders and output contract as
 * the server. CSV input streams in chunks, so memory stays bounded however large the file; the output goes to a
 * temporary file renamed into place at the end, so an interrupted run never leaves a file that looks complete.
 */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Score a file with a model folder and write the predictions (DRUM's `drum score`).")
class ScoreCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

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

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandFailedException("--input " + input + ": no such file");
        }
        if (sparseColumnFile != null && !Files.isRegularFile(sparseColumnFile)) {
            throw new CommandFailedException("--sparse-column-file " + sparseColumnFile + ": no such file");
        }
        Map<String, Object> properties = model.properties();
        try (HeadlessModel loaded = HeadlessModel.load(properties)) {
            LoadedModel served = loaded.registry().require();
            // The target type decides what the file is, as it decides the route on the server: a hook worker
            // implements every kind of model, so what the Java object implements says nothing.
            switch (served.targetType()) {
                case UNSTRUCTURED -> scoreUnstructured(loaded.scorer(), served.model());
                case TRANSFORM -> transform(loaded.scorer(), served.model());
                default -> scoreStructured(loaded.scorer(), served.model());
            }
        }
        return 0;
    }

    private void scoreStructured(Scorer scorer, ScoringModel served) throws IOException {
        if (served instanceof PayloadScoringModel) {
            // As /predict/ hands a hook worker the request's bytes, score hands it the file's: pandas (or R) reads
            // them in the worker, so batch and server predictions are the same numbers.
            Predictions predictions = scorer.score(filePayload());
            writeText(out -> new PredictionsCsvWriter(out).write(predictions));
            return;
        }
        if (output == null) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            score(scorer, stdout, Progress.silent());
            stdout.flush();
        } else {
            writeAtomically(scorer);
        }
    }

    /** The input file as the body of a {@code /predict/} request: csv, or mtx with its column names. */
    private Payload filePayload() throws IOException {
        byte[] body = Files.readAllBytes(input);
        if (!isMatrixMarket()) {
            return Payload.of(body, "text/csv");
        }
        Optional<byte[]> names = sparseColumnFile == null ? Optional.empty()
                : Optional.of(Files.readAllBytes(sparseColumnFile));
        return new Payload(body, "text/mtx", Optional.empty(), names);
    }

    /** DRUM's {@code score} on a transform model writes the transformed features (R-OUT-6's X.transformed). */
    private void transform(Scorer scorer, ScoringModel served) throws IOException {
        if (!(served instanceof TransformModel transformer)) {
            throw new CommandFailedException("The " + served.predictor() + " model cannot transform data");
        }
        TransformModel.Result result = scorer.transform(transformer, filePayload(), Optional.empty());
        writeBytes(result.transformed());
    }

    private void writeText(TextWriter content) throws IOException {
        if (output == null) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            content.write(stdout);
            stdout.flush();
            return;
        }
        writeAtomically(out -> {
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.write(text);
            text.flush();
        });
    }

    private void writeBytes(byte[] bytes) throws IOException {
        if (output == null) {
            System.out.write(bytes);
            System.out.flush();
            return;
        }
        writeAtomically(out -> out.write(bytes));
    }

    private interface TextWriter {
        void write(Writer out) throws IOException;
    }

    /** R-CLI-1, R-UNS-3: the file's bytes in, the model's response bytes out; --content-type and --query as HTTP's. */
    private void scoreUnstructured(Scorer scorer, ScoringModel served) throws IOException {
        if (!(served instanceof UnstructuredModel model)) {
            throw new CommandFailedException("The " + served.predictor() + " model cannot score unstructured data");
        }
        String type = contentType == null || contentType.isBlank() ? "text/plain" : contentType;
        int semicolon = type.indexOf(';');
        String mimetype = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        String charset = "utf-8";
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                charset = pair[1].strip().replace("\"", "");
            }
        }
        UnstructuredModel.Response response = scorer.scoreUnstructured(model, new UnstructuredModel.Request(
                Files.readAllBytes(input), mimetype, charset, QueryString.parse(query), Map.of("Content-Type", type)));
        writeBytes(response.body());
    }

    /** What goes into the output file, written to its temporary twin first. */
    private interface OutputWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    private void writeAtomically(Scorer scorer) throws IOException {
        writeAtomically(out -> {
            Writer text = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (Progress progress = Progress.forFile(input)) {
                score(scorer, text, progress);
            }
            text.flush();
        });
    }

    private void writeAtomically(OutputWriter content) throws IOException {
        Path target = output.toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        // Also gone when the JVM is stopped (Ctrl-C, SIGTERM) before the rename.
        partial.toFile().deleteOnExit();
        try {
            try (java.io.OutputStream out = Files.newOutputStream(partial)) {
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

    private void score(Scorer scorer, Writer out, Progress progress) throws IOException {
        PredictionsCsvWriter writer = new PredictionsCsvWriter(out);
        try (InputStream in = progress.track(Files.newInputStream(input))) {
            if (isMatrixMarket()) {
                Frame frame = new MatrixMarketReader().read(in, sparseColumnNames());
                writer.write(scorer.score(frame));
                progress.rows(frame.rowCount());
                return;
            }
            try (CsvFrameReader.Chunks chunks = new CsvFrameReader().chunks(in, chunkSize)) {
                long scored = 0;
                boolean first = true;
                while (chunks.hasNext()) {
                    Frame frame = chunks.next();
                    if (frame.rowCount() > 0 || first) {
                        writer.write(scoreChunk(scorer, frame, scored));
                        scored += frame.rowCount();
                        progress.rows(frame.rowCount());
                    }
                    first = false;
                }
            }
        }
    }

    /** Row numbers in a chunk's errors count from the chunk; say where in the file the chunk is. */
    private static dev.timpani.model.Predictions scoreChunk(Scorer scorer, Frame frame, long rowsBefore) {
        try {
            return scorer.score(frame);
        } catch (dev.timpani.data.BadInputException e) {
            if (rowsBefore == 0) {
                throw e;
            }
            throw new dev.timpani.data.BadInputException("In the chunk of data rows " + (rowsBefore + 1) + " to "
                    + (rowsBefore + frame.rowCount()) + ": " + e.getMessage(), e);
        }
    }

    private boolean isMatrixMarket() {
        return input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mtx");
    }

    private List<String> sparseColumnNames() {
        if (sparseColumnFile == null) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(sparseColumnFile)) {
            return MatrixMarketReader.readColumnNames(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
