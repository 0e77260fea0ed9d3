package dev.timpani.loaders.h2o;

import dev.timpani.data.Frame;
import dev.timpani.model.InputSchema;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import hex.genmodel.GenModel;
import hex.genmodel.easy.EasyPredictModelWrapper;
import hex.genmodel.easy.RowData;
import hex.genmodel.easy.exception.PredictException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An H2O-3 model (MOJO or compiled POJO) scored row by row through EasyPredictModelWrapper, the scoring path H2O
 * documents for its models. Columns the request lacks are left out of each row, which H2O scores as missing.
 */
final class H2oModel implements ScoringModel {

    private final String predictor;
    private final H2oFeatures features;
    private final H2oTarget target;
    /** Empty for regression; else the response domain, which labels the probability columns in H2O's order. */
    private final List<String> labels;
    private final H2oWrappers wrappers;

    private H2oModel(String predictor, H2oFeatures features, H2oTarget target, List<String> labels,
            H2oWrappers wrappers) {
        this.predictor = predictor;
        this.features = features;
        this.target = target;
        this.labels = labels;
        this.wrappers = wrappers;
    }

    static H2oModel of(GenModel model, String predictor, String fileName, TargetType servedAs) {
        H2oTarget target = H2oTarget.of(model, fileName);
        target.checkServedAs(servedAs, fileName);
        return new H2oModel(predictor, H2oFeatures.of(model), target, target.labels(model), new H2oWrappers(model));
    }

    @Override
    public InputSchema inputSchema() {
        return features.schema();
    }

    @Override
    public String predictor() {
        return predictor;
    }

    @Override
    public RawPredictions predict(Frame frame) {
        IntFunction<Object>[] values = features.valuesIn(frame);
        int rows = frame.rowCount();
        double[][] columns = new double[labels.isEmpty() ? 1 : labels.size()][rows];
        EasyPredictModelWrapper wrapper = wrappers.get();
        List<String> names = features.names();
        // One RowData per request: the wrapper reads it during the call and keeps no reference.
        RowData row = new RowData();
        for (int index = 0; index < rows; index++) {
            row.clear();
            for (int i = 0; i < values.length; i++) {
                Object value = values[i].apply(index);
                if (value != null) {
                    row.put(names.get(i), value);
                }
            }
            score(wrapper, row, columns, index);
        }
        return labels.isEmpty() ? RawPredictions.positional(columns) : RawPredictions.labelled(columns, labels);
    }

    private void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index) {
        try {
            target.score(wrapper, row, columns, index);
        } catch (PredictException failed) {
            // With unknown levels and non-numbers converted to missing, nothing the client sends is refused here.
            throw new IllegalStateException("H2O could not score row " + (index + 1) + ": " + failed.getMessage(),
                    failed);
        }
    }

    @Override
    public void warmUp() {
        try {
            score(wrappers.get(), new RowData(), new double[labels.isEmpty() ? 1 : labels.size()][1], 0);
        } catch (RuntimeException ignored) {
            // Best effort: the first request pays the warm-up instead.
        }
    }
}
