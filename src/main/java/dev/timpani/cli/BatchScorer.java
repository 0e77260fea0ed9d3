package dev.timpani.cli;

import dev.timpani.data.BadInputException;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.MatrixMarketReader;
import dev.timpani.data.Payload;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.PayloadScoringModel;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.TransformModel;
import dev.timpani.model.UnstructuredModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One input file scored the way the server scores a request with its bytes (R-CLI-1): what {@code score} writes
 * and what {@code validation}'s basic batch check runs. The target type picks the path, as it picks the route on
 * the server: a hook worker implements every kind of model, so the Java interfaces of the model say nothing.
 *
 * @param input            csv, mtx (MatrixMarket) or, for unstructured models, any bytes
 * @param sparseColumnFile column names of an mtx input, one per line; may be null
 * @param contentType      unstructured models: the input's {@code Content-Type}; may be null (text/plain)
 * @param query            unstructured models: query parameters for the hook; may be null
 * @param chunkSize        rows scored at a time by in-process (JVM) models
 */
record BatchScorer(Path input, Path sparseColumnFile, String contentType, String query, int chunkSize) {

    /** DRUM's checks: {@code --query} and {@code --content-type} only mean something to unstructured models. */
    void checkFlags(TargetType targetType) {
        if (targetType == TargetType.UNSTRUCTURED) {
            return;
        }
        if (query != null && !query.isEmpty()) {
            throw new CommandFailedException("--query argument can be used only with --target-type unstructured");
        }
        if (contentType != null && !contentType.isEmpty()) {
            throw new CommandFailedException("--content-type argument can be used only with --target-type unstructured");
        }
    }

    /** Writes DRUM's batch output for the whole input to {@code out}. */
    void score(LoadedModel served, Scorer scorer, OutputStream out, Progress progress) throws IOException {
        switch (served.targetType()) {
            case UNSTRUCTURED -> out.write(scoreUnstructured(scorer, served.model()).body());
            case TRANSFORM -> out.write(transform(scorer, served.model()));
            default -> scoreStructured(scorer, served.model(), out, progress);
        }
    }

    private void scoreStructured(Scorer scorer, ScoringModel model, OutputStream out, Progress progress)
            throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        PredictionsCsvWriter writer = new PredictionsCsvWriter(text);
        if (model instanceof PayloadScoringModel) {
            // As /predict/ hands a hook worker the request's bytes, the file's bytes go to it unparsed: pandas (or R)
            // reads them in the worker, so batch and server predictions are the same numbers.
            writer.write(scorer.score(filePayload()));
        } else if (isMatrixMarket()) {
            try (InputStream in = progress.track(Files.newInputStream(input))) {
                Frame frame = new MatrixMarketReader().read(in, sparseColumnNames());
                writer.write(scorer.score(frame));
                progress.rows(frame.rowCount());
            }
        } else {
            scoreCsvInChunks(scorer, model, writer, progress);
        }
        text.flush();
    }

    /** CSV streams in chunks, so memory stays bounded however large the file. */
    private void scoreCsvInChunks(Scorer scorer, ScoringModel model, PredictionsCsvWriter writer, Progress progress)
            throws IOException {
        try (InputStream in = progress.track(Files.newInputStream(input));
                CsvFrameReader.Chunks chunks = new CsvFrameReader(model.csvNaValues()).chunks(in, chunkSize)) {
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

    /** Row numbers in a chunk's errors count from the chunk; say where in the file the chunk is. */
    private static Predictions scoreChunk(Scorer scorer, Frame frame, long rowsBefore) {
        try {
            return scorer.score(frame);
        } catch (BadInputException e) {
            if (rowsBefore == 0) {
                throw e;
            }
            throw new BadInputException("In the chunk of data rows " + (rowsBefore + 1) + " to "
                    + (rowsBefore + frame.rowCount()) + ": " + e.getMessage(), e);
        }
    }

    /** R-CLI-1, R-UNS-3: the file's bytes in, the model's response bytes out; --content-type and --query as HTTP's. */
    UnstructuredModel.Response scoreUnstructured(Scorer scorer, ScoringModel served) throws IOException {
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
        return scorer.scoreUnstructured(model, new UnstructuredModel.Request(Files.readAllBytes(input), mimetype,
                charset, QueryString.parse(query), Map.of("Content-Type", type)));
    }

    /** DRUM's {@code score} on a transform model writes the transformed features (R-OUT-6's X.transformed). */
    private byte[] transform(Scorer scorer, ScoringModel served) throws IOException {
        if (!(served instanceof TransformModel transformer)) {
            throw new CommandFailedException("The " + served.predictor() + " model cannot transform data");
        }
        return scorer.transform(transformer, filePayload(), Optional.empty()).transformed();
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

    boolean isMatrixMarket() {
        return input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mtx");
    }

    List<String> sparseColumnNames() {
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
