package dev.timpani.loaders.djl;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.timpani.data.Frame;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;

/**
 * A TorchScript module in DJL's PyTorch engine.
 *
 * <p>Threads: a DJL {@code Model} is safe to share, a {@code Predictor} is not. Each request gets its own
 * predictor (cheap: a child NDManager, no native allocation), closed when the request is done, so native tensors
 * never outlive it. The module's forward runs under DJL's inference guard (no autograd), which PyTorch allows
 * concurrently on one module. One exception: DJL switches the module from training to eval mode on its first
 * forward, a write to the module that must not race with other forwards, so calls are serialised until one has
 * gone through.
 */
final class TorchScriptModel implements ScoringModel {

    private final Model model;
    private final TensorTranslator translator = new TensorTranslator();
    private final RequestMatrix matrix = RequestMatrix.anyWidth();
    private final LoadContext context;
    private final Object firstForward = new Object();
    private volatile boolean inEvalMode;

    TorchScriptModel(Model model, LoadContext context) {
        this.model = model;
        this.context = context;
    }

    @Override
    public String predictor() {
        return "TorchScriptPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        float[] values = matrix.floats(frame);
        if (frame.rowCount() == 0) {
            return EmptyPredictions.forModel(context);
        }
        TensorTranslator.Batch batch = new TensorTranslator.Batch(values, frame.rowCount(), frame.columnCount());
        if (inEvalMode) {
            return RawPredictions.positional(forward(batch));
        }
        synchronized (firstForward) {
            double[][] columns = forward(batch);
            inEvalMode = true;
            return RawPredictions.positional(columns);
        }
    }

    private double[][] forward(TensorTranslator.Batch batch) {
        try (Predictor<TensorTranslator.Batch, double[][]> predictor = model.newPredictor(translator)) {
            return predictor.predict(batch);
        } catch (TranslateException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            if (cause instanceof ModelFailedException modelFailed) {
                throw modelFailed;
            }
            throw new ModelFailedException("The TorchScript module failed on the request: "
                    + NativeMessages.firstLine(cause.getMessage()), failed);
        }
    }

    /**
     * A forward has a fixed cost (one engine thread, timed in a loop: ~55-200 µs for 1 row of the corpus's
     * regression module, ~20-80 µs for 16, ~25-130 µs for 64). In eval mode layers such as batch norm use their
     * stored statistics, so a row's output does not depend on the other rows of the batch.
     */
    @Override
    public boolean batchesFaster() {
        return true;
    }

    /** The module does not declare its input width, so there is no synthetic row to warm up with. */
    @Override
    public void warmUp() {
    }

    @Override
    public void close() {
        model.close();
    }
}
