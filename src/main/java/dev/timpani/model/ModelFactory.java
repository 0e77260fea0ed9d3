package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.params.RuntimeParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one model folder with the loaders it is given: finds the artifact, resolves the target type, labels and
 * runtime parameters, and asks the loaders in order until one serves it. The server's {@link ModelRegistry} loads
 * through it on its background thread; the Spark artifact loads through it with no Spring context, so nothing here
 * may touch Spring.
 */
public final class ModelFactory {

    private static final Logger log = LoggerFactory.getLogger(ModelFactory.class);

    /**
     * What to load and how: the settings of {@link TimpaniProperties} that loading reads, as plain values.
     *
     * @param codeDir           the model folder; null: the embedded example
     * @param targetType        DRUM's target type name; null: from {@code model-metadata.yaml}
     * @param labels            class labels as configured (R-OUT-10)
     * @param language          {@code --language}; null: detected from the folder
     * @param engineThreads     intra-op threads per native engine
     * @param ignoreCustomFlask serve a folder with a {@code custom_flask.py} without it
     * @param runtimeParameters the {@code MLOPS_RUNTIME_PARAM_*} variables by name, as JSON text
     * @param runtimeParamsFile DRUM's {@code --runtime-params-file}, or null
     */
    public record Spec(Path codeDir, String targetType, TimpaniProperties.Labels labels, String language,
                       int engineThreads, boolean ignoreCustomFlask, Map<String, String> runtimeParameters,
                       Path runtimeParamsFile) {

        public Spec {
            runtimeParameters = runtimeParameters == null ? Map.of() : Map.copyOf(runtimeParameters);
            labels = labels == null ? new TimpaniProperties.Labels(null, null, null, null) : labels;
        }
    }

    private final ArtifactFinder finder;

    public ModelFactory(List<ModelLoader> loaders) {
        this.finder = new ArtifactFinder(loaders);
    }

    public String servedExtensions() {
        return finder.servedExtensions();
    }

    /**
     * Where the model comes from once defaults apply: the embedded example when no code dir is given. The target
     * type comes from the flags or environment, else from {@code model-metadata.yaml}; when both give one they
     * must agree (R-CLI-9, DRUM's messages).
     */
    public ModelSource source(Spec spec) {
        Path codeDir = spec.codeDir();
        TargetType configured = spec.targetType() == null || spec.targetType().isBlank()
                ? null : TargetType.parse(spec.targetType());
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
     * Loads the model. A {@link ModelLoadException} carries a message a user can act on; any other exception is a
     * loader's own failure.
     */
    public LoadedModel load(Spec spec) throws Exception {
        ModelSource source = source(spec);
        Path codeDir = source.embeddedExample() ? EmbeddedExample.extract() : source.codeDir();
        if (source.embeddedExample()) {
            log.info("No --code-dir given: serving the embedded example model '{}' ({})", EmbeddedExample.NAME,
                    source.targetType().drumName());
        }
        if (!spec.ignoreCustomFlask()) {
            CustomFlask.refuse(codeDir);
        }
        Optional<ClassLabels> labels = LabelsResolver.resolve(spec.labels(), source.targetType(), source.metadata());
        RuntimeParameters parameters = runtimeParameters(spec, codeDir);
        ArtifactFinder.Choice choice = finder.choose(codeDir, spec.language());
        LoadContext context = new LoadContext(codeDir, source.targetType(), labels, spec.engineThreads(), parameters);
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
    private static RuntimeParameters runtimeParameters(Spec spec, Path codeDir) {
        RuntimeParameters parameters = RuntimeParameters.resolve(spec.runtimeParameters(), spec.runtimeParamsFile(),
                codeDir);
        // The message holds the value, which may be a credential: it is the model's to see when it reads it.
        parameters.failures().forEach((name, failure) -> log.warn("Runtime parameter {}{} does not pass DRUM's "
                + "checks; reading it will raise {}", RuntimeParameters.PREFIX, name, failure.exception()));
        return parameters;
    }

    /** The text a load failure is reported with (after DRUM's "ERROR: "). */
    public static String loadErrorText(Throwable e) {
        return e instanceof ModelLoadException ? e.getMessage() : messageOf(e);
    }

    static String messageOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
