package dev.timpani.oip;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.Frame;
import dev.timpani.model.InputSchema;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The Open Inference Protocol's operations on the one model this server serves, whatever the transport (REST or
 * gRPC): health, metadata and inference through the same {@link Scorer} as DRUM's {@code /predict/}, so the same
 * micro-batching, prediction contract and meters apply (tagged {@code protocol="v2"}).
 */
@Component
public final class InferenceService {

    /** The meters' protocol tag of V2 over REST. */
    public static final String PROTOCOL = "v2";
    /** The meters' protocol tag of V2 over gRPC. */
    public static final String PROTOCOL_GRPC = "v2-grpc";
    /** Extensions served: the binary tensor data extension (REST) and the health extension via gRPC's own. */
    static final List<String> EXTENSIONS = List.of("binary_tensor_data");

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final TensorFrames frames;
    private final String modelName;
    private final String modelVersion;
    private final String serverVersion;

    public InferenceService(ModelRegistry registry, Scorer scorer, TimpaniProperties properties,
                            ObjectProvider<BuildProperties> build) {
        this.registry = registry;
        this.scorer = scorer;
        this.frames = new TensorFrames(properties.limits().maxRows(), properties.limits().maxColumns());
        String configured = properties.oip().modelName();
        this.modelName = configured == null || configured.isBlank() ? registry.folderName() : configured;
        String version = properties.oip().modelVersion();
        this.modelVersion = version == null || version.isBlank() ? null : version;
        BuildProperties info = build.getIfAvailable();
        this.serverVersion = info == null ? "unknown" : info.getVersion();
    }

    public String modelName() {
        return modelName;
    }

    public boolean live() {
        return true;
    }

    /** Ready once the model has loaded; never after a load failure. */
    public boolean ready() {
        return registry.state() instanceof ModelState.Ready;
    }

    public ServerMetadata serverMetadata() {
        return new ServerMetadata("timpani", serverVersion, EXTENSIONS);
    }

    /** Whether the named model is ready; a name (or version) this server does not serve is a 404. */
    public boolean modelReady(String name, String version) {
        requireModel(name, version);
        return ready();
    }

    public ModelMetadata modelMetadata(String name, String version) {
        requireModel(name, version);
        LoadedModel loaded = registry.require();
        return new ModelMetadata(modelName, modelVersion == null ? List.of() : List.of(modelVersion),
                loaded.framework().toLowerCase(Locale.ROOT), inputs(loaded.model().inputSchema()),
                PredictionTensors.metadata(loaded.targetType(), loaded.classLabels()));
    }

    public InferenceResponse infer(String name, String version, InferenceRequest request) {
        return infer(name, version, request, PROTOCOL);
    }

    /** @param protocol the meters' tag for the transport the request came by */
    public InferenceResponse infer(String name, String version, InferenceRequest request, String protocol) {
        requireModel(name, version);
        LoadedModel loaded = registry.require();
        TargetType type = loaded.targetType();
        if (type == TargetType.UNSTRUCTURED || type == TargetType.TRANSFORM) {
            throw OipException.badRequest("this model's target type is " + type.drumName()
                    + "; the inference protocol serves structured models only (use DRUM's routes)");
        }
        Frame frame = frames.toFrame(request.inputs(), loaded.model().inputSchema());
        List<OutputTensor> outputs = PredictionTensors.outputs(scorer.score(frame, protocol), request.outputs(),
                request.binaryOutputs());
        return new InferenceResponse(modelName, modelVersion, request.id(), outputs);
    }

    private void requireModel(String name, String version) {
        if (!modelName.equals(name)) {
            throw OipException.notFound("model '" + name + "' is not served here; this server serves '" + modelName
                    + "'");
        }
        if (version != null && !version.isEmpty() && !version.equals(modelVersion)) {
            throw OipException.notFound("model '" + name + "' has no version '" + version + "'"
                    + (modelVersion == null ? "; it is served without versions" : "; it has '" + modelVersion + "'"));
        }
    }

    private static List<TensorMetadata> inputs(InputSchema schema) {
        List<TensorMetadata> inputs = new ArrayList<>();
        if (schema instanceof InputSchema.Columns columns) {
            for (InputSchema.Field field : columns.fields()) {
                inputs.add(new TensorMetadata(field.name(), datatype(field.type()), new long[] {-1}));
            }
        } else if (schema instanceof InputSchema.Matrix matrix) {
            inputs.add(new TensorMetadata(matrix.name(), datatype(matrix.type()),
                    new long[] {-1, matrix.width().orElse(-1)}));
        }
        return inputs;
    }

    private static Datatype datatype(InputSchema.ValueType type) {
        return switch (type) {
            case FLOAT64 -> Datatype.FP64;
            case FLOAT32 -> Datatype.FP32;
            case INT64 -> Datatype.INT64;
            case BOOL -> Datatype.BOOL;
            case TEXT -> Datatype.BYTES;
        };
    }
}
