package dev.timpani.loaders.xgboost;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.nio.file.Path;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Loads native XGBoost model files: JSON, UBJSON and the legacy binary format. */
public final class XGBoostLoader implements ModelLoader {

    @Override
    public String framework() {
        return "xgboost";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("json", "ubj", "model", "xgb", "bst");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) throws XGBoostError {
        Booster booster;
        try {
            booster = XGBoost.loadModel(artifact.toString());
        } catch (XGBoostError unreadable) {
            throw new ModelLoadException("Could not load XGBoost model " + artifact.getFileName() + ": "
                    + firstLine(unreadable.getMessage()), unreadable);
        }
        try {
            // Request-sized batches gain nothing from more intra-op threads; concurrency comes from requests.
            booster.setParam("nthread", context.engineThreads());
            return XGBoostModel.of(booster);
        } catch (XGBoostError | RuntimeException failed) {
            booster.dispose();
            throw failed;
        }
    }

    /** XGBoost's messages carry a native stack trace after the first line. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
