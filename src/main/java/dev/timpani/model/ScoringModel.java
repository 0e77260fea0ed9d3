package dev.timpani.model;

import dev.timpani.data.Frame;
import dev.timpani.data.PandasNaValues;

/**
 * A loaded structured model. Implementations are thread-safe: requests call {@link #predict} concurrently.
 * A problem with the client's data is a {@link dev.timpani.data.BadInputException} naming the column and row;
 * anything else thrown is the model's failure (500 with its message).
 */
public interface ScoringModel extends AutoCloseable {

    /** The predictor's name for {@code /info/}, e.g. {@code XGBoostPredictor}. */
    String predictor();

    RawPredictions predict(Frame frame);

    /**
     * How this model is scored, for {@code /info/} and the start-up log; a loader with more than one way to
     * serve an artifact says which it took.
     */
    default String description() {
        return predictor();
    }

    /**
     * The inputs the artifact declares, for protocols that publish them (V2 model metadata); undeclared by default.
     * Computed at load time: it is read on every metadata request.
     */
    default InputSchema inputSchema() {
        return InputSchema.undeclared();
    }

    /**
     * Whether one call on n rows costs much less than n calls on one row each (an engine with a fixed cost per
     * call, such as XGBoost's), so that concurrent small requests are worth scoring together
     * ({@link MicroBatcher}). Such a model must score each row of a frame as it would score that row alone, and
     * must take any number of rows.
     */
    default boolean batchesFaster() {
        return false;
    }

    /**
     * The strings a csv request's cells are missing for: those of the pandas the model's own environment must have
     * had. pandas 1.5's unless the model says otherwise (a pickle of NumPy 2, which only an environment with pandas
     * 2.2 or later can write or load).
     */
    default PandasNaValues csvNaValues() {
        return PandasNaValues.PANDAS_1;
    }

    /**
     * Scores one synthetic row so the first user request does not pay the engine's warm-up.
     * Called once before the model is marked ready; a failure here is only logged.
     */
    default void warmUp() {
    }

    @Override
    default void close() {
    }
}
