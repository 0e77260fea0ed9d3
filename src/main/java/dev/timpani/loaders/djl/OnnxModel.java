package dev.timpani.loaders.djl;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.timpani.data.Frame;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph in an ONNX Runtime session. {@code OrtSession.run} is documented as safe to call from many threads
 * at once, so requests share the one session with no pool or lock; each call owns its input tensor and its result,
 * both closed before it returns.
 */
final class OnnxModel implements ScoringModel {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final OnnxInput input;
    private final OnnxOutput output;
    private final Set<String> requestedOutputs;
    private final LoadContext context;

    OnnxModel(OrtEnvironment environment, OrtSession session, OrtSession.SessionOptions options, OnnxInput input,
            OnnxOutput output, LoadContext context) {
        this.environment = environment;
        this.session = session;
        this.options = options;
        this.input = input;
        this.output = output;
        this.requestedOutputs = Set.of(output.name());
        this.context = context;
    }

    @Override
    public dev.timpani.model.InputSchema inputSchema() {
        return input.schema();
    }

    @Override
    public String predictor() {
        return "ONNXPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        if (frame.rowCount() == 0) {
            // Still checks the width, so an empty request with the wrong columns is told so.
            input.matrix().floats(frame);
            return EmptyPredictions.forModel(context);
        }
        try (OnnxTensor tensor = input.tensor(environment, frame);
                OrtSession.Result result = session.run(Map.of(input.name(), tensor), requestedOutputs)) {
            return output.read(result, frame.rowCount());
        } catch (OrtException failed) {
            throw new ModelFailedException("ONNX Runtime failed to score the request: " + failed.getMessage(), failed);
        }
    }

    /**
     * A session run has a fixed cost (one engine thread, corpus regression graph: ~15-35 µs for 1 row, ~1-4 µs a
     * row at 64-256 rows). Not for a graph exported for a fixed number of rows: a joined batch could not fit it.
     */
    @Override
    public boolean batchesFaster() {
        return input.anyRowCount();
    }

    @Override
    public void warmUp() {
        if (input.matrix().expectedColumns().isPresent()) {
            predict(input.matrix().zeroRow());
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing at shutdown: nothing left to do with the error.
        } finally {
            options.close();
        }
    }
}
