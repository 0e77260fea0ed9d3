package dev.timpani.hooks;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.Payload;
import dev.timpani.data.TextColumn;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.PayloadScoringModel;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.TransformModel;
import dev.timpani.model.UnstructuredModel;
import dev.timpani.model.WorkerPoolView;
import dev.timpani.model.UserHttpErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A model served by the hook workers (Python or R): structured requests go to the worker as raw bytes (pandas or
 * R's read.csv parses them there, or the {@code read_input_data} hook does), unstructured ones too; answers come back as float64
 * columns, as strings for the text target types (R-OUT-5), or as the hook's bytes. With a {@code chat} hook the
 * model is a {@link ChatHookModel}.
 */
class HookModel implements PayloadScoringModel, UnstructuredModel, TransformModel, WorkerPoolView {

    final WorkerPool pool;
    private final WorkerScripts scripts;

    HookModel(WorkerPool pool, WorkerScripts scripts) {
        this.pool = pool;
        this.scripts = scripts;
    }

    @Override
    public int workers() {
        return pool.size();
    }

    @Override
    public int busyWorkers() {
        return pool.busy();
    }

    @Override
    public int queuedRequests() {
        return pool.queued();
    }

    @Override
    public long restarts() {
        return pool.restarts();
    }

    @Override
    public String predictor() {
        return pool.predictor();
    }

    @Override
    public PayloadPredictions predict(Payload payload) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("op", "predict");
        meta.put("mimetype", payload.mimetype());
        payload.charset().ifPresent(charset -> meta.put("charset", charset));
        payload.columnNames().ifPresent(names -> meta.put("colnames", columnNames(names)));
        Wire.Message answer = checked(pool.call(meta, payload.body()));
        return decodePredictions(answer);
    }

    /** A frame parsed elsewhere (the CLI, tests) is written back as csv for the worker. */
    @Override
    public RawPredictions predict(Frame frame) {
        return predict(Payload.of(FrameCsv.write(frame), "text/csv")).predictions();
    }

    @Override
    public Response score(Request request) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("op", "unstructured");
        meta.put("mimetype", request.mimetype());
        meta.put("charset", request.charset());
        // DRUM hands the hook Flask's request.args, read with .get(): the first value of each name.
        Map<String, String> query = new LinkedHashMap<>();
        request.query().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        meta.put("query", query);
        meta.put("headers", request.headers());
        Wire.Message answer = checked(pool.call(meta, request.body()));
        JsonNode charset = answer.meta().path("charset");
        return new Response(answer.body(), answer.meta().path("mimetype").asString("application/octet-stream"),
                charset.isString() ? Optional.of(charset.asString()) : Optional.empty());
    }

    @Override
    public TransformModel.Result transform(Payload x, Optional<Payload> y) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("op", "transform");
        meta.put("mimetype", x.mimetype());
        x.charset().ifPresent(charset -> meta.put("charset", charset));
        x.columnNames().ifPresent(names -> meta.put("colnames", columnNames(names)));
        List<Map<String, Object>> parts = new ArrayList<>();
        parts.add(Map.of("name", "X", "length", x.body().length));
        byte[] body = x.body();
        if (y.isPresent()) {
            meta.put("y_mimetype", y.get().mimetype());
            parts.add(Map.of("name", "y", "length", y.get().body().length));
            body = new byte[x.body().length + y.get().body().length];
            System.arraycopy(x.body(), 0, body, 0, x.body().length);
            System.arraycopy(y.get().body(), 0, body, x.body().length, y.get().body().length);
        }
        meta.put("parts", parts);
        Wire.Message answer = checked(pool.call(meta, body));
        Map<String, byte[]> out = new LinkedHashMap<>();
        int offset = 0;
        for (JsonNode part : answer.meta().path("parts")) {
            int length = part.path("length").asInt();
            if (offset + length > answer.body().length) {
                throw new ModelFailedException("The worker's transform answer is shorter than its parts say");
            }
            out.put(part.path("name").asString(), java.util.Arrays.copyOfRange(answer.body(), offset, offset + length));
            offset += length;
        }
        return new TransformModel.Result(answer.meta().path("format").asString("csv"),
                out.getOrDefault("X.transformed", new byte[0]), Optional.ofNullable(out.get("X.colnames")),
                Optional.ofNullable(out.get("y.transformed")));
    }

    private static List<String> columnNames(byte[] raw) {
        List<String> names = new ArrayList<>();
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** The worker's error answers, as the routes report them. */
    static Wire.Message checked(Wire.Message answer) {
        if (answer.ok()) {
            return answer;
        }
        String message = answer.meta().path("message").asString("the worker reported an error without a message");
        switch (answer.meta().path("kind").asString("model")) {
            case "bad_input" -> throw new BadInputException(message);
            case "user" -> throw new UserHttpErrorException(answer.meta().path("http_status").asInt(400), message);
            default -> throw new ModelFailedException(message);
        }
    }

    static PayloadPredictions decodePredictions(Wire.Message answer) {
        JsonNode meta = answer.meta();
        int rows = meta.path("rows").asInt();
        int cols = meta.path("cols").asInt();
        Optional<List<String>> labels = Optional.empty();
        if (meta.path("labels").isArray()) {
            List<String> names = new ArrayList<>();
            meta.path("labels").forEach(label -> names.add(label.asString()));
            labels = Optional.of(names);
        }
        Optional<Frame> extra = meta.path("extra").isObject() ? extraFrame(meta.path("extra"), rows) : Optional.empty();
        RawPredictions predictions = meta.path("text").asBoolean(false)
                ? RawPredictions.texts(texts(answer.body(), rows, cols), labels, extra)
                : new RawPredictions(numbers(answer.body(), rows, cols), labels, extra);
        return new PayloadPredictions(predictions, meta.path("input_rows").asInt(-1));
    }

    /** Float64, little-endian, column after column: one bulk get per column. */
    private static double[][] numbers(byte[] body, int rows, int cols) {
        if ((long) rows * cols * Double.BYTES != body.length) {
            throw new ModelFailedException("The worker sent " + body.length + " bytes for " + rows + " x " + cols
                    + " predictions");
        }
        DoubleBuffer values = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[][] columns = new double[cols][rows];
        for (double[] column : columns) {
            values.get(column);
        }
        return columns;
    }

    /** R-OUT-5: a text target type's strings, as JSON. */
    private static String[][] texts(byte[] body, int rows, int cols) {
        try {
            return TextPredictions.read(body, rows, cols);
        } catch (IllegalArgumentException e) {
            throw new ModelFailedException("The worker sent text predictions that are not " + rows + " x " + cols
                    + " strings: " + e.getMessage());
        }
    }

    /** R-OUT-4: the extra columns, numeric where every value is a number, else text. */
    private static Optional<Frame> extraFrame(JsonNode extra, int rows) {
        List<String> names = new ArrayList<>();
        extra.path("names").forEach(name -> names.add(name.asString()));
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode values : extra.path("columns")) {
            boolean numeric = true;
            for (JsonNode value : values) {
                numeric &= value.isNull() || value.isNumber();
            }
            if (numeric) {
                double[] column = new double[rows];
                for (int row = 0; row < rows; row++) {
                    JsonNode value = values.get(row);
                    column[row] = value == null || value.isNull() ? Double.NaN : value.asDouble();
                }
                columns.add(new NumericColumn(column));
            } else {
                String[] column = new String[rows];
                for (int row = 0; row < rows; row++) {
                    JsonNode value = values.get(row);
                    column[row] = value == null || value.isNull() ? null : value.asString();
                }
                columns.add(new TextColumn(column));
            }
        }
        return Optional.of(new Frame(names, columns, rows));
    }

    @Override
    public void close() {
        pool.close();
        scripts.close();
    }
}
