package dev.timpani.loaders.xgboost;

import dev.timpani.data.Frame;
import dev.timpani.model.InputSchema;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A native XGBoost booster. XGBoost (since 1.4) documents every prediction function as thread-safe for tree
 * boosters (gbtree, dart) but promises nothing for gblinear, so only a linear booster is scored under a lock.
 */
final class XGBoostModel implements ScoringModel {

    private final Booster booster;
    private final FeatureLayout features;
    private final Lock predictionLock;
    private final String description;
    /** Predictions per row (1 for regression and binary:logistic, the class count for multi:softprob). */
    private final int outputCount;

    private XGBoostModel(Booster booster, FeatureLayout features, boolean threadSafe, String description) {
        this.booster = booster;
        this.description = description;
        this.features = features;
        this.predictionLock = threadSafe ? null : new ReentrantLock();
        // Scoring one row is the only way the Java API tells how many outputs a row gets; an empty request
        // still needs that many (empty) columns.
        this.outputCount = score(FeatureLayout.allMissing(1, features.featureCount()), 1)[0].length;
    }

    static XGBoostModel of(Booster booster, String description) throws XGBoostError {
        FeatureLayout features = FeatureLayout.of(booster.getFeatureNames(), Math.toIntExact(booster.getNumFeature()));
        return new XGBoostModel(booster, features, !isLinear(booster), description);
    }

    /** The Java API exposes no booster type; the saved configuration names it (load-time only). */
    private static boolean isLinear(Booster booster) throws XGBoostError {
        String json = new String(booster.toByteArray("json"), StandardCharsets.UTF_8);
        return json.contains("\"name\":\"gblinear\"");
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
    public String predictor() {
        return "XGBoostPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        float[] matrix = features.rowMajor(frame);
        int rows = frame.rowCount();
        if (rows == 0) {
            return RawPredictions.positional(new double[outputCount][0]);
        }
        return RawPredictions.positional(transpose(score(matrix, rows), rows, outputCount));
    }

    private float[][] score(float[] matrix, int rows) {
        if (predictionLock != null) {
            predictionLock.lock();
        }
        try {
            // In-place prediction reads the dense array directly instead of copying it into a DMatrix.
            return booster.inplace_predict(matrix, rows, features.featureCount(), Float.NaN);
        } catch (XGBoostError failed) {
            throw new IllegalStateException("XGBoost prediction failed: " + failed.getMessage(), failed);
        } finally {
            if (predictionLock != null) {
                predictionLock.unlock();
            }
        }
    }

    /** XGBoost answers row by row ({@code [rows][outputs]}); predictions are column-major. */
    private static double[][] transpose(float[][] byRow, int rows, int outputs) {
        double[][] columns = new double[outputs][rows];
        for (int row = 0; row < rows; row++) {
            float[] values = byRow[row];
            for (int c = 0; c < outputs; c++) {
                columns[c][row] = values[c];
            }
        }
        return columns;
    }

    /**
     * Each call has a large fixed cost (JMH, one engine thread: ~220 µs for 1 row, ~490 µs for 64, ~720 µs for
     * 256), and a row's prediction depends on that row alone.
     */
    @Override
    public boolean batchesFaster() {
        return true;
    }

    @Override
    public void warmUp() {
        try {
            score(FeatureLayout.allMissing(1, features.featureCount()), 1);
        } catch (RuntimeException ignored) {
            // Best effort: the first request pays the warm-up instead.
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
