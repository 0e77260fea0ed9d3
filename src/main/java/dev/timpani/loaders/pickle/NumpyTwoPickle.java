package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.data.PandasNaValues;
import dev.timpani.model.InputSchema;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;

/**
 * A pickle NumPy 2 wrote (its arrays and scalars reduce to {@code numpy._core.*}, a module NumPy 1 does not have):
 * only an environment with NumPy 2 loads it, and pandas supports NumPy 2 from 2.2.2, so the environment DRUM serves
 * it in reads a csv with pandas 2's missing values, {@code None} among them ({@link PandasNaValues#PANDAS_2}). The
 * model is scored as before; only the csv is read so. Whether a pickle is one is seen while it is unpickled
 * ({@link Unpickled#numpyTwo()}). A joblib file stores arrays by its own wrapper and may name no {@code numpy._core}
 * (a model whose attributes are arrays and Python numbers only, e.g. an SVR): nothing in it then tells NumPy 1 from
 * 2, and its csv is read as pandas 1.5 reads it.
 */
record NumpyTwoPickle(ScoringModel model) implements ScoringModel {

    @Override
    public PandasNaValues csvNaValues() {
        return PandasNaValues.PANDAS_2;
    }

    @Override
    public String predictor() {
        return model.predictor();
    }

    @Override
    public RawPredictions predict(Frame frame) {
        return model.predict(frame);
    }

    @Override
    public String description() {
        return model.description() + "; its csv read with pandas 2's missing values (a NumPy 2 pickle)";
    }

    @Override
    public InputSchema inputSchema() {
        return model.inputSchema();
    }

    @Override
    public boolean batchesFaster() {
        return model.batchesFaster();
    }

    @Override
    public void warmUp() {
        model.warmUp();
    }

    @Override
    public void close() {
        model.close();
    }
}
