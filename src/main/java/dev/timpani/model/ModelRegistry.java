package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one model this server serves and its load state. Loading runs on a background thread so that
 * {@code /ping/} answers at once (R-ROUTE-1); a failure is kept as the error server's message instead of
 * ending the process (R-CFG-6, R-ERR-4).
 */
public final class ModelRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final TimpaniProperties properties;
    private final ModelFactory factory;
    private final ModelFactory.Spec spec;
    private volatile ModelState state = new ModelState.Loading();
    private volatile Thread loader;
    private volatile java.time.Duration loadDuration;
    private final CompletableFuture<ModelState> loadEnded = new CompletableFuture<>();

    public ModelRegistry(TimpaniProperties properties, List<ModelLoader> loaders) {
        this.properties = properties;
        this.factory = new ModelFactory(loaders);
        this.spec = spec(properties);
    }

    public ModelState state() {
        return state;
    }

    /** The ready model, or the reason there is none (503 while loading, 513 after a failure). */
    public LoadedModel require() {
        ModelState current = state;
        if (current instanceof ModelState.Ready ready) {
            return ready.model();
        }
        if (current instanceof ModelState.Failed failed) {
            throw ModelNotReadyException.failed(failed.message());
        }
        throw ModelNotReadyException.loading();
    }

    /** How long loading took, once it has ended either way. */
    public java.util.Optional<java.time.Duration> loadDuration() {
        return java.util.Optional.ofNullable(loadDuration);
    }

    public String servedExtensions() {
        return factory.servedExtensions();
    }

    /** Starts loading on a background thread; returns at once. */
    public synchronized void start() {
        if (loader == null) {
            Thread thread = new Thread(this::load, "timpani-model-loader");
            thread.setDaemon(true);
            loader = thread;
            thread.start();
        }
    }

    /** Completes with the ready or failed state once loading has ended. */
    public CompletableFuture<ModelState> loadEnded() {
        return loadEnded;
    }

    /** Blocks until loading has ended, either way; for the CLI and tests. */
    public ModelState awaitLoaded() throws InterruptedException {
        start();
        loader.join();
        return state;
    }

    /** Where the model comes from once defaults apply (see {@link ModelFactory#source}). */
    public ModelSource source() {
        return factory.source(spec);
    }

    /**
     * The model's name where a protocol names models (the Open Inference Protocol): the code dir's folder name, or
     * the embedded example's.
     */
    public String folderName() {
        Path codeDir = properties.codeDir();
        if (codeDir == null || codeDir.toString().isBlank()) {
            return EmbeddedExample.NAME;
        }
        Path name = codeDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }

    private void load() {
        long started = System.nanoTime();
        try {
            LoadedModel model = loadModel();
            if (properties.engine().warmUp()) {
                warmUp(model);
            }
            loadDuration = java.time.Duration.ofNanos(System.nanoTime() - started);
            state = new ModelState.Ready(model);
            log.info("Model {} ({}, {}) ready in {} ms, served by {}", model.artifact().getFileName(), model.framework(),
                    model.targetType().drumName(), (System.nanoTime() - started) / 1_000_000, model.servedBy());
        } catch (Throwable e) {
            loadDuration = java.time.Duration.ofNanos(System.nanoTime() - started);
            String message = "ERROR: " + loadErrorText(e);
            state = new ModelState.Failed(message);
            log.error(properties.drum().staysUpOnLoadFailure()
                            ? "Model failed to load; serving the error state (513): {}" : "Model failed to load: {}",
                    message, properties.drum().showStacktrace() ? e : null);
        }
        loadEnded.complete(state);
    }

    private LoadedModel loadModel() throws Exception {
        return factory.load(spec);
    }

    /** The settings loading reads, out of the server's configuration tree. */
    private static ModelFactory.Spec spec(TimpaniProperties properties) {
        return new ModelFactory.Spec(properties.codeDir(), properties.targetType(), properties.labels(),
                properties.language(), properties.engine().threads(), properties.security().ignoreCustomFlask(),
                properties.drum().runtimeParameters(), properties.drum().runtimeParamsFile());
    }

    private static void warmUp(LoadedModel model) {
        try {
            model.model().warmUp();
        } catch (RuntimeException e) {
            log.info("Warm-up of {} skipped: {}", model.artifact().getFileName(), e.getMessage());
        }
    }

    private static String loadErrorText(Throwable e) {
        return ModelFactory.loadErrorText(e);
    }

    @Override
    public void close() {
        if (state instanceof ModelState.Ready ready) {
            ready.model().model().close();
        }
    }
}
