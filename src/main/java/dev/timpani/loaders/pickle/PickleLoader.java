package dev.timpani.loaders.pickle;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ProvenExactness;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.VersionGate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Serves drop-in {@code .pkl} / {@code .joblib} folders (no {@code custom.py}) inside the JVM when that is
 * exact: the pickle is read in Java, and only families the differential proof covers on the scikit-learn version
 * that wrote the pickle ({@link #PROVEN}), XGBoost's own models on proven XGBoost versions, and LightGBM's on the
 * proven model format, are scored here.
 * Anything else is declined, and the next loader of the extension (the Python workers) serves it as DRUM would.
 */
public final class PickleLoader implements ModelLoader {

    /** Above the Python workers, which claim the same extensions. */
    static final int PRIORITY = 100;

    /**
     * What the differential proof ({@code bench/exactness}) found exact: per scikit-learn version
     * ({@code proven.tsv}), and per LightGBM model format ({@code proven-lightgbm.tsv}, see {@link LightGbmPickle}).
     */
    static final ProvenExactness PROVEN = new ProvenExactness(java.util.stream.Stream.concat(
            ProvenExactness.resource(PickleLoader.class, "proven.tsv").entries().stream(),
            ProvenExactness.resource(PickleLoader.class, "proven-lightgbm.tsv").entries().stream()).toList());

    private final TimpaniProperties.Pickles settings;
    private final EngineLoaders loaders;
    private final VersionGate gate;

    /**
     * The loader outside a Spring context (the Spark artifact): {@code engines} are the other loaders, the first
     * one claiming an extension scoring what the pickle wraps (a booster, a PMML document).
     */
    public static ModelLoader standalone(TimpaniProperties.Pickles settings, java.util.List<ModelLoader> engines,
            boolean trustUnprovenVersions) {
        java.util.List<ModelLoader> others = java.util.List.copyOf(engines);
        EngineLoaders byExtension = extension -> others.stream()
                .filter(loader -> !"pickle".equals(loader.framework()) && loader.extensions().contains(extension))
                .findFirst();
        return new PickleLoader(settings, byExtension, VersionGate.of(PROVEN, trustUnprovenVersions));
    }

    PickleLoader(TimpaniProperties.Pickles settings, EngineLoaders loaders, VersionGate gate) {
        this.settings = settings;
        this.loaders = loaders;
        this.gate = gate;
    }

    @Override
    public String framework() {
        return "pickle";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("pkl", "joblib");
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) throws Exception {
        if (!settings.inJvm()) {
            throw new ModelDeclinedException("timpani.pickles.in-jvm=false sends every pickle to the Python workers");
        }
        Unpickled pickle = Unpickled.read(artifact);
        ScoringModel model = loadInJvm(pickle, context);
        return pickle.numpyTwo() ? new NumpyTwoPickle(model) : model;
    }

    private ScoringModel loadInJvm(Unpickled pickle, LoadContext context) throws Exception {
        if (XGBoostPickle.handles(pickle)) {
            return XGBoostPickle.load(pickle, loaders, context);
        }
        if (LightGbmPickle.handles(pickle)) {
            return LightGbmPickle.load(pickle, gate);
        }
        SkLearnVersion version = SkLearnVersion.of(pickle);
        // The pickled object's own class first: the name a user recognises when it is the one refused.
        List<String> families = new ArrayList<>(
                AllowList.familiesAmong(PythonClasses.reachableFrom(pickle.root())));
        if (families.remove(pickle.className())) {
            families.add(0, pickle.className());
        }
        for (String family : families) {
            Optional<String> refusal = gate.refusal("sklearn", version.text(), family);
            if (refusal.isPresent()) {
                throw new ModelDeclinedException(refusal.get());
            }
        }
        ScoringModel model = compiledOrConverted(pickle, version, context);
        // Each engine is proven on models of its own: a pipeline proven bit for bit through the tree engine is not
        // thereby proven through the softmax of a multiclass one.
        Optional<String> engineRefusal = gate.refusal("sklearn", version.text(), pickle.className(),
                ProvenEngine.of(model.description()));
        if (engineRefusal.isPresent()) {
            model.close();
            throw new ModelDeclinedException(engineRefusal.get());
        }
        return model;
    }

    private ScoringModel compiledOrConverted(Unpickled pickle, SkLearnVersion version, LoadContext context)
            throws Exception {
        if (SkLearnTrees.handles(pickle)) {
            return SkLearnTrees.load(pickle, version);
        }
        if (SkLearnGradientBoosting.handles(pickle, version)) {
            return SkLearnGradientBoosting.load(pickle, version);
        }
        if (SkLearnHistGradientBoosting.handles(pickle)) {
            return SkLearnHistGradientBoosting.load(pickle, version);
        }
        // Linear models and every pipeline are compiled or declined, never converted: JPMML-SkLearn refuses 1.6+
        // pickles and was wrong on LogisticRegression and pipelines on 1.2.1 (bench/exactness/RESULTS.md).
        if (SkLearnPipelines.handles(pickle)) {
            return SkLearnPipelines.load(pickle, version);
        }
        return SkLearnPmml.load(pickle, version, loaders, context);
    }
}
