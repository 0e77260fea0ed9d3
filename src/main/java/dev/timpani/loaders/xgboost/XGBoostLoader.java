package dev.timpani.loaders.xgboost;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ProvenExactness;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.VersionGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Loads native XGBoost model files: JSON and UBJSON as they are, and XGBoost 1.x's legacy binary format, which
 * XGBoost 3 no longer reads, translated to JSON first ({@link LegacyBinaryModel}). A gbtree booster the compiled
 * tree engine reproduces exactly ({@link CompiledBooster}) is scored by it (one row in ~2 µs where XGBoost4J's
 * native call costs ~80 µs, JMH {@code XGBoostEngineBenchmark}); anything else by XGBoost4J, and the description
 * says which and why. A model is scored only when the XGBoost version that wrote it, with its objective, is one the
 * differential proof covers ({@link #PROVEN}):
 * XGBoost4J 2.1 read XGBoost 3's vector {@code base_score} as 0.5 and answered every row shifted, without a word.
 */
public final class XGBoostLoader implements ModelLoader {

    /** What the differential proof ({@code bench/exactness}) found exact, per XGBoost version and objective. */
    public static final ProvenExactness PROVEN = ProvenExactness.resource(XGBoostLoader.class, "proven.tsv");

    private final VersionGate gate;
    private final boolean compile;

    public XGBoostLoader(VersionGate gate) {
        this(gate, true);
    }

    /** {@code compile = false} keeps every booster on XGBoost4J (benchmarks compare the two engines). */
    public XGBoostLoader(VersionGate gate, boolean compile) {
        this.gate = gate;
        this.compile = compile;
    }

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
        byte[] document = Files.readAllBytes(artifact);
        Booster booster;
        String description = "XGBoostPredictor";
        String detail = "";
        try {
            XGBoostVersion written;
            if (LegacyBinaryModel.isLegacyBinary(document)) {
                LegacyBinaryModel legacy = LegacyBinaryModel.read(document);
                written = legacy.written();
                document = legacy.toJson();
                detail = legacy.describe() + ", ";
            } else {
                written = XGBoostVersion.of(document, artifact.getFileName().toString());
            }
            Optional<String> refusal = gate.refusal("xgboost", written.version(), written.objective());
            if (refusal.isPresent()) {
                throw new ModelLoadException(refusal.get());
            }
            try {
                if (!compile) {
                    throw new CompiledBooster.NotCompiled("the tree engine is switched off");
                }
                CompiledBooster.Compiled compiled = CompiledBooster.compile(document);
                refuseUnprovenEngine(written, "compiled");
                return new CompiledXGBoostModel(compiled.trees(),
                        FeatureLayout.of(compiled.featureNames(), compiled.featureCount()),
                        description + " (" + detail + "compiled tree engine)");
            } catch (CompiledBooster.NotCompiled declined) {
                description += " (" + detail + "XGBoost4J: " + declined.getMessage() + ")";
            }
            refuseUnprovenEngine(written, "xgboost4j");
            booster = XGBoost.loadModel(document);
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

    /**
     * The two engines are proven each on the models it takes (the proof's {@code engine} column): a booster the
     * compiled engine declines (dart, say) is scored by XGBoost4J only where XGBoost4J is proven on its version and
     * objective.
     */
    private void refuseUnprovenEngine(XGBoostVersion written, String engine) throws ModelLoadException {
        Optional<String> refusal = gate.refusal("xgboost", written.version(), written.objective(), engine);
        if (refusal.isPresent()) {
            throw new ModelLoadException(refusal.get());
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
