package dev.timpani.api;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelMetadata;
import dev.timpani.model.ModelSource;
import dev.timpani.model.ModelState;
import dev.timpani.model.TargetType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** Builds the {@code /info/} body (R-ROUTE-3) with DRUM's field names. */
@Component
class ModelInfo {

    private final String version;
    private final dev.timpani.model.ModelRegistry registry;

    ModelInfo(ObjectProvider<BuildProperties> build, dev.timpani.model.ModelRegistry registry) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
        this.registry = registry;
    }

    Map<String, Object> describe(ModelState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<LoadedModel> loaded = state instanceof ModelState.Ready ready
                ? Optional.of(ready.model()) : Optional.empty();
        Optional<ModelSource> source = source();
        Path codeDir = loaded.map(model -> model.artifact().getParent())
                .orElse(source.map(ModelSource::codeDir).orElse(null));
        body.put("codeDir", codeDir == null ? null : codeDir.toString());
        body.put("targetType", loaded.map(model -> model.targetType())
                .or(() -> source.map(ModelSource::targetType)).map(TargetType::drumName).orElse(null));
        body.put("predictor", loaded.map(model -> model.model().predictor()).orElse(null));
        // The hook workers run the model in Python or R; every other loader in the JVM.
        body.put("language", loaded.map(model -> switch (model.framework()) {
            case "python", "r" -> model.framework();
            default -> "java";
        }).orElse("java"));
        body.put("drumVersion", version);
        body.put("drumServer", "timpani");
        body.put("modelMetadata", codeDir == null ? null : metadata(codeDir));
        loaded.flatMap(LoadedModel::classLabels).ifPresent(labels -> putLabels(body, loaded.get().targetType(), labels));
        return body;
    }

    private Optional<ModelSource> source() {
        try {
            return Optional.of(registry.source());
        } catch (RuntimeException misconfigured) {
            return Optional.empty();
        }
    }

    private static void putLabels(Map<String, Object> body, TargetType targetType, ClassLabels labels) {
        if (targetType == TargetType.BINARY) {
            body.put("negativeClassLabel", labels.get(0));
            body.put("positiveClassLabel", labels.get(1));
        } else {
            body.put("classLabels", labels.labels());
        }
    }

    /** The parsed {@code model-metadata.yaml}, or null when there is none or it does not parse. */
    static Object metadata(Path codeDir) {
        return ModelMetadata.readForDisplay(codeDir);
    }
}
