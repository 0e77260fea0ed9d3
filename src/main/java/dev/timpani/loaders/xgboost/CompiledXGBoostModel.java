package dev.timpani.loaders.xgboost;

import dev.timpani.data.Frame;
import dev.timpani.model.InputSchema;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.XGBoostTrees;

/**
 * A gbtree booster scored by the compiled tree engine ({@link XGBoostTrees}) instead of XGBoost4J: the same
 * features and input checks ({@link FeatureLayout}), the same float32 answers, without the native call's fixed
 * cost. Immutable, so thread-safe.
 */
final class CompiledXGBoostModel implements ScoringModel {

    private final XGBoostTrees trees;
    private final FeatureLayout features;
    private final String description;

    CompiledXGBoostModel(XGBoostTrees trees, FeatureLayout features, String description) {
        this.trees = trees;
        this.features = features;
        this.description = description;
    }

    @Override
    public String predictor() {
        return "XGBoostPredictor";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public InputSchema inputSchema() {
        return features.schema();
    }

    @Override
    public RawPredictions predict(Frame frame) {
        float[] matrix = features.rowMajor(frame);
        return RawPredictions.positional(trees.predict(matrix, frame.rowCount(), features.featureCount()));
    }

    @Override
    public void warmUp() {
        trees.predict(FeatureLayout.allMissing(1, features.featureCount()), 1, features.featureCount());
    }
}
