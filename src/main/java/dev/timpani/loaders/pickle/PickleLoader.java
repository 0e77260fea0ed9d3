package dev.timpani.loaders.pickle;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Serves drop-in {@code .pkl} / {@code .joblib} folders (no {@code custom.py}) inside the JVM when that is
 * exact: the pickle is read in Java, and only estimators on the {@link AllowList} (or XGBoost's own models) are
 * scored here. Anything else is declined, and the next loader of the extension (the Python workers) serves it as
 * DRUM would.
 */
final class PickleLoader implements ModelLoader {

    /** Above the Python workers, which claim the same extensions. */
    static final int PRIORITY = 100;

    private final TimpaniProperties.Pickles settings;
    private final EngineLoaders loaders;

    PickleLoader(TimpaniProperties.Pickles settings, EngineLoaders loaders) {
        this.settings = settings;
        this.loaders = loaders;
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
        if (XGBoostPickle.handles(pickle)) {
            return XGBoostPickle.load(pickle, loaders, context);
        }
        Optional<String> refused = AllowList.firstRefused(pickle.className(),
                PythonClasses.reachableFrom(pickle.root()));
        if (refused.isPresent()) {
            throw new ModelDeclinedException(refused.get() + " is not on the allow-list of classes proven exact in "
                    + "the JVM");
        }
        if (SkLearnTrees.handles(pickle)) {
            return SkLearnTrees.load(pickle, SkLearnTrees.bindingOf(pickle));
        }
        return SkLearnPmml.load(pickle, loaders, context);
    }
}
