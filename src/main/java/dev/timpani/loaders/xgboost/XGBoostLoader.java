package dev.timpani.loaders.xgboost;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Loads native XGBoost model files: JSON and UBJSON as they are, and XGBoost 1.x's legacy binary format, which
 * XGBoost 3 no longer reads, translated to JSON first ({@link LegacyBinaryModel}).
 */
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
    public ScoringModel load(Path artifact, LoadContext context) throws XGBoostError, IOException {
        Booster booster;
        String description;
        try {
            if (LegacyBinaryModel.isLegacyBinary(firstByte(artifact))) {
                LegacyBinaryModel legacy = LegacyBinaryModel.read(Files.readAllBytes(artifact));
                booster = XGBoost.loadModel(legacy.toJson());
                description = "XGBoostPredictor (" + legacy.describe() + ")";
            } else {
                booster = XGBoost.loadModel(artifact.toString());
                description = "XGBoostPredictor";
            }
        } catch (XGBoostError unreadable) {
            throw new ModelLoadException("Could not load XGBoost model " + artifact.getFileName() + ": "
                    + firstLine(unreadable.getMessage()), unreadable);
        } catch (ModelLoadException untranslatable) {
            throw new ModelLoadException("Could not load XGBoost model " + artifact.getFileName() + ": "
                    + untranslatable.getMessage(), untranslatable);
        }
        try {
            // Request-sized batches gain nothing from more intra-op threads; concurrency comes from requests.
            booster.setParam("nthread", context.engineThreads());
            return XGBoostModel.of(booster, description);
        } catch (XGBoostError | RuntimeException failed) {
            booster.dispose();
            throw failed;
        }
    }

    /** Enough to tell the legacy binary format from JSON and UBJSON without reading the file twice. */
    private static byte[] firstByte(Path artifact) throws IOException {
        try (InputStream in = Files.newInputStream(artifact)) {
            return in.readNBytes(1);
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
