package dev.timpani.api;

import dev.timpani.config.GrpcAddress;
import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelMetadata;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelSource;
import dev.timpani.model.ModelState;
import dev.timpani.model.TargetType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Builds the {@code /info/} body (R-ROUTE-3) with DRUM's field names. */
@Component
class ModelInfo {

    /**
     * DRUM hard-codes this (also under gunicorn): it names the API flavour clients talk to, not the server
     * software, so a drop-in answers the same (R-ROUTE-3).
     */
    static final String DRUM_SERVER = "flask";

    private final String timpaniVersion;
    private final String drumVersion;
    private final ModelRegistry registry;
    private final TimpaniProperties properties;
    private final Environment environment;

    ModelInfo(ObjectProvider<BuildProperties> build, ModelRegistry registry, TimpaniProperties properties,
              Environment environment) {
        BuildProperties buildProperties = build.getIfAvailable();
        this.timpaniVersion = buildProperties == null ? "dev" : buildProperties.getVersion();
        this.drumVersion = properties.drum().version();
        this.registry = registry;
        this.properties = properties;
        this.environment = environment;
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
        body.put("drumVersion", drumVersion);
        body.put("drumServer", DRUM_SERVER);
        body.put("modelMetadata", codeDir == null ? null : metadata(codeDir));
        loaded.flatMap(LoadedModel::classLabels).ifPresent(labels -> putLabels(body, loaded.get().targetType(), labels));
        // Timpani's own facts, in fields DRUM does not have.
        body.put("timpaniVersion", timpaniVersion);
        body.put("framework", loaded.map(LoadedModel::framework).orElse(null));
        body.put("artifact", loaded.map(model -> model.artifact().getFileName().toString()).orElse(null));
        body.put("servedArtifacts", registry.servedExtensions());
        // Which loader serves the model and how (e.g. a pickle in the JVM, or in Python and why).
        body.put("servedBy", loaded.map(LoadedModel::servedBy).orElse(null));
        // Whether the V2 gRPC service listens, and where: it is off unless asked for (issue 21).
        body.put("grpc", grpc());
        return body;
    }

    private Map<String, Object> grpc() {
        Map<String, Object> grpc = new LinkedHashMap<>();
        Optional<GrpcAddress> address = GrpcAddress.of(properties, environment);
        grpc.put("listening", address.isPresent());
        address.ifPresent(listening -> {
            grpc.put("host", listening.host());
            grpc.put("port", listening.port());
        });
        return grpc;
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
