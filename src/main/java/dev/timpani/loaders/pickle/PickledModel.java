package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.function.UnaryOperator;

/**
 * A pickle served in the JVM: the engine that scores it, the binding of request columns to its features,
 * and how the engine's output becomes scikit-learn's ({@code predict_proba}'s columns and labels).
 */
final class PickledModel implements ScoringModel {

    private final ScoringModel engine;
    private final ColumnBinding columns;
    private final UnaryOperator<Frame> inputCheck;
    private final UnaryOperator<RawPredictions> output;
    private final String predictor;
    private final String description;

    PickledModel(ScoringModel engine, ColumnBinding columns, UnaryOperator<RawPredictions> output, String predictor,
                 String description) {
        this(engine, columns, UnaryOperator.identity(), output, predictor, description);
    }

    /** @param inputCheck what the library refuses that the engine would score (see {@link FiniteInputs}) */
    PickledModel(ScoringModel engine, ColumnBinding columns, UnaryOperator<Frame> inputCheck,
                 UnaryOperator<RawPredictions> output, String predictor, String description) {
        this.engine = engine;
        this.columns = columns;
        this.inputCheck = inputCheck;
        this.output = output;
        this.predictor = predictor;
        this.description = description;
    }

    @Override
    public String predictor() {
        return predictor;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public RawPredictions predict(Frame frame) {
        return output.apply(engine.predict(inputCheck.apply(columns.bind(frame))));
    }

    @Override
    public boolean batchesFaster() {
        return engine.batchesFaster();
    }

    @Override
    public void warmUp() {
        engine.warmUp();
    }

    @Override
    public void close() {
        engine.close();
    }
}
