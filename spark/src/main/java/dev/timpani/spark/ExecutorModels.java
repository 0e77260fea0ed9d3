package dev.timpani.spark;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of one JVM (an executor, or the driver when it checks a schema): each folder loaded once, on first use,
 * by the first task that needs it while the JVM's other tasks wait, and closed when the JVM exits (hook workers
 * stopped). A load failure is kept too: every task then fails with the same message, as the server's 513 does,
 * instead of each task loading again.
 */
final class ExecutorModels {

    private static final Map<TimpaniOptions, Entry> MODELS = new ConcurrentHashMap<>();

    static {
        Thread closer = new Thread(ExecutorModels::closeAll, "timpani-models-close");
        Runtime.getRuntime().addShutdownHook(closer);
    }

    private ExecutorModels() {
    }

    /** The loaded model; a {@link ModelLoadFailedException} with the load error when it does not load. */
    static LoadedModel get(TimpaniOptions options) {
        return MODELS.computeIfAbsent(options.modelKey(), Entry::new).model();
    }

    /** Closes every model of this JVM and forgets it; the next use loads again. */
    static void closeAll() {
        for (TimpaniOptions key : MODELS.keySet()) {
            Entry entry = MODELS.remove(key);
            if (entry != null) {
                entry.close();
            }
        }
    }

    private static final class Entry {

        private final TimpaniOptions options;
        private LoadedModel model;
        private RuntimeException failure;

        Entry(TimpaniOptions options) {
            this.options = options;
        }

        synchronized LoadedModel model() {
            if (model == null && failure == null) {
                try {
                    model = load(options);
                } catch (Exception e) {
                    failure = new ModelLoadFailedException("ERROR: " + ModelFactory.loadErrorText(e), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return model;
        }

        synchronized void close() {
            if (model != null) {
                model.model().close();
                model = null;
            }
        }
    }

    private static LoadedModel load(TimpaniOptions options) throws Exception {
        Path codeDir = CodeDirs.local(options.codeDir());
        ModelFactory.Spec spec = new ModelFactory.Spec(codeDir, options.targetType(),
                new TimpaniProperties.Labels(options.positiveClassLabel(), options.negativeClassLabel(),
                        options.classLabels().isEmpty() ? null : options.classLabels(),
                        options.classLabelsFile() == null ? null : Path.of(options.classLabelsFile())),
                options.language(), 1, true, Map.of(),
                options.runtimeParamsFile() == null ? null : Path.of(options.runtimeParamsFile()));
        return new ModelFactory(SparkLoaders.create(options)).load(spec);
    }
}
