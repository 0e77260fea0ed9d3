package dev.timpani.spark;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.hooks.HooksLoader;
import dev.timpani.loaders.djl.OnnxLoader;
import dev.timpani.loaders.djl.TorchScriptLoader;
import dev.timpani.loaders.h2o.H2oLoader;
import dev.timpani.loaders.pickle.PickleLoader;
import dev.timpani.loaders.pmml.PmmlLoader;
import dev.timpani.loaders.scoringcode.ScoringCodeLoader;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.VersionGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's loaders, built as its auto-configurations build them ({@code *LoaderConfiguration},
 * {@code HooksAutoConfiguration}) but without a Spring context: every loader's jar is on this artifact's class
 * path, so none is conditional here.
 */
final class SparkLoaders {

    private SparkLoaders() {
    }

    static List<ModelLoader> create(TimpaniOptions options) {
        List<ModelLoader> engines = List.of(
                new XGBoostLoader(VersionGate.of(XGBoostLoader.PROVEN, options.trustUnprovenVersions())),
                new PmmlLoader(), new H2oLoader(), new OnnxLoader(), new TorchScriptLoader(), new ScoringCodeLoader());
        List<ModelLoader> loaders = new ArrayList<>(engines);
        loaders.add(PickleLoader.standalone(new TimpaniProperties.Pickles(options.picklesInJvm()), engines,
                options.trustUnprovenVersions()));
        // The server's defaults (TimpaniProperties.Workers), with the pool sized by the options: one executor
        // JVM's tasks share it.
        loaders.addAll(HooksLoader.standalone(options.python(), options.rscript(), options.workers(), 256,
                Duration.ofSeconds(60), Duration.ofMinutes(10), 1));
        return loaders;
    }
}
