package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.params.RuntimeParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final ArtifactFinder finder;
    private volatile ModelState state = new ModelState.Loading();
    private volatile Thread loader;
    private volatile java.time.Duration loadDuration;
    private final CompletableFuture<ModelState> loadEnded = new CompletableFuture<>();

    public ModelRegistry(TimpaniProperties properties, List<ModelLoader> loaders) {
        this.properties = properties;
        this.finder = new ArtifactFinder(loaders);
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
        return finder.servedExtensions();
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

    /**
     * Where the model comes from once defaults apply: the embedded example when no code dir is given. The target
     * type comes from the flags or environment, else from {@code model-metadata.yaml}; when both give one they
     * must agree (R-CLI-9, DRUM's messages).
     */
    public ModelSource source() {
        Path codeDir = properties.codeDir();
        TargetType configured = properties.targetType() == null || properties.targetType().isBlank()
                ? null : TargetType.parse(properties.targetType());
        if (codeDir == null || codeDir.toString().isBlank()) {
            return new ModelSource(null, configured == null ? EmbeddedExample.TARGET_TYPE : configured, true,
                    Optional.empty());
        }
        Optional<ModelMetadata> metadata = Files.isDirectory(codeDir) ? ModelMetadata.read(codeDir) : Optional.empty();
        metadata.ifPresent(ModelMetadata::validate);
        TargetType declared = metadata.flatMap(ModelMetadata::targetType).orElse(null);
        if (configured == null && declared == null) {
            throw new ModelLoadException("Target type is missing. It must be provided in --target-type argument, "
                    + "TARGET_TYPE env var or model config file.");
        }
        if (configured != null && declared != null && configured != declared) {
            throw new ModelLoadException("Target type provided in --target-type argument doesn't match target type "
                    + "from model config file. Use either one of them or make them match.");
        }
        return new ModelSource(codeDir, configured != null ? configured : declared, false, metadata);
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
        ModelSource source = source();
        Path codeDir = source.embeddedExample() ? EmbeddedExample.extract() : source.codeDir();
        if (source.embeddedExample()) {
            log.info("No --code-dir given: serving the embedded example model '{}' ({})", EmbeddedExample.NAME,
                    source.targetType().drumName());
        }
        if (!properties.security().ignoreCustomFlask()) {
            CustomFlask.refuse(codeDir);
        }
        Optional<ClassLabels> labels = LabelsResolver.resolve(properties.labels(), source.targetType(),
                source.metadata());
        RuntimeParameters parameters = runtimeParameters(codeDir);
        ArtifactFinder.Choice choice = finder.choose(codeDir, properties.language());
        LoadContext context = new LoadContext(codeDir, source.targetType(), labels, properties.engine().threads(),
                parameters);
        List<String> declined = new ArrayList<>();
        for (ModelLoader loader : choice.loaders()) {
            ScoringModel model;
            try {
                model = loader.load(choice.artifact(), context);
            } catch (ModelDeclinedException e) {
                log.info("The {} loader declined {}: {}", loader.framework(), choice.artifact().getFileName(),
                        e.getMessage());
                declined.add("the " + loader.framework() + " loader declined: " + e.getMessage());
                continue;
            } catch (ModelLoadException e) {
                throw e;
            } catch (Exception e) {
                throw new ModelLoadException("An error occurred when loading your artifact "
                        + choice.artifact().getFileName() + " with the " + loader.framework() + " loader: "
                        + messageOf(e), e);
            }
            String servedBy = loader.framework() + ": " + model.description()
                    + (declined.isEmpty() ? "" : " (" + String.join("; ", declined) + ")");
            return new LoadedModel(model, loader.framework(), choice.artifact(), source.targetType(), labels,
                    new PredictionContract(source.targetType(), labels), servedBy);
        }
        throw new ModelLoadException("No loader serves " + choice.artifact().getFileName() + ": "
                + String.join("; ", declined));
    }

    /**
     * R-RTP-1: checked for every kind of model, before any loader runs, as DRUM checks them before it loads. A bad
     * values file stops the load; a bad variable only fails when user code reads it, so it is logged here.
     */
    private RuntimeParameters runtimeParameters(Path codeDir) {
        RuntimeParameters parameters = RuntimeParameters.resolve(properties.drum().runtimeParameters(),
                properties.drum().runtimeParamsFile(), codeDir);
        // The message holds the value, which may be a credential: it is the model's to see when it reads it.
        parameters.failures().forEach((name, failure) -> log.warn("Runtime parameter {}{} does not pass DRUM's "
                + "checks; reading it will raise {}", RuntimeParameters.PREFIX, name, failure.exception()));
        return parameters;
    }

    private static void warmUp(LoadedModel model) {
        try {
            model.model().warmUp();
        } catch (RuntimeException e) {
            log.info("Warm-up of {} skipped: {}", model.artifact().getFileName(), e.getMessage());
        }
    }

    private static String loadErrorText(Throwable e) {
        return e instanceof ModelLoadException ? e.getMessage() : messageOf(e);
    }

    private static String messageOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        if (state instanceof ModelState.Ready ready) {
            ready.model().model().close();
        }
    }
}
