package dev.timpani.oip.grpc;

import dev.timpani.model.InFlightRequests;
import dev.timpani.oip.InferenceService;
import dev.timpani.oip.ModelMetadata;
import dev.timpani.oip.ServerMetadata;
import dev.timpani.oip.TensorMetadata;
import dev.timpani.oip.grpc.proto.GRPCInferenceServiceGrpc;
import dev.timpani.oip.grpc.proto.ModelInferRequest;
import dev.timpani.oip.grpc.proto.ModelInferResponse;
import dev.timpani.oip.grpc.proto.ModelMetadataRequest;
import dev.timpani.oip.grpc.proto.ModelMetadataResponse;
import dev.timpani.oip.grpc.proto.ModelReadyRequest;
import dev.timpani.oip.grpc.proto.ModelReadyResponse;
import dev.timpani.oip.grpc.proto.ServerLiveRequest;
import dev.timpani.oip.grpc.proto.ServerLiveResponse;
import dev.timpani.oip.grpc.proto.ServerMetadataRequest;
import dev.timpani.oip.grpc.proto.ServerMetadataResponse;
import dev.timpani.oip.grpc.proto.ServerReadyRequest;
import dev.timpani.oip.grpc.proto.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService} over the same {@link InferenceService} as the REST routes. Inference counts
 * against the same in-flight limit as every scoring request ({@code timpani.limits.max-in-flight}); the API key is
 * checked before, by {@link ApiKeyInterceptor}.
 */
final class GrpcInferenceEndpoint extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private final InferenceService service;
    private final InFlightRequests inFlight;

    GrpcInferenceEndpoint(InferenceService service, InFlightRequests inFlight) {
        this.service = service;
        this.inFlight = inFlight;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        respond(answer, () -> ServerLiveResponse.newBuilder().setLive(service.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        respond(answer, () -> ServerReadyResponse.newBuilder().setReady(service.ready()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        respond(answer, () -> ModelReadyResponse.newBuilder()
                .setReady(service.modelReady(request.getName(), request.getVersion())).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        respond(answer, () -> {
            ServerMetadata metadata = service.serverMetadata();
            return ServerMetadataResponse.newBuilder().setName(metadata.name()).setVersion(metadata.version())
                    .addAllExtensions(metadata.extensions()).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        respond(answer, () -> {
            ModelMetadata metadata = service.modelMetadata(request.getName(), request.getVersion());
            ModelMetadataResponse.Builder message = ModelMetadataResponse.newBuilder().setName(metadata.name())
                    .addAllVersions(metadata.versions()).setPlatform(metadata.platform());
            metadata.inputs().forEach(input -> message.addInputs(tensor(input)));
            metadata.outputs().forEach(output -> message.addOutputs(tensor(output)));
            return message.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        switch (inFlight.enter()) {
            case BUSY -> {
                answer.onError(Status.UNAVAILABLE.withDescription("Server busy: " + inFlight.limit()
                        + " requests are in flight, the limit of timpani.limits.max-in-flight; retry later")
                        .asRuntimeException());
                return;
            }
            case DRAINING -> {
                answer.onError(Status.UNAVAILABLE
                        .withDescription("Server is shutting down; retry on another replica").asRuntimeException());
                return;
            }
            case NONE -> { }
        }
        try {
            respond(answer, () -> ProtoTensors.encode(service.infer(request.getModelName(), request.getModelVersion(),
                    ProtoTensors.decode(request), InferenceService.PROTOCOL_GRPC)));
        } finally {
            inFlight.leave();
        }
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorMetadata metadata) {
        ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(metadata.name()).setDatatype(metadata.datatype().name());
        for (long dimension : metadata.shape()) {
            tensor.addShape(dimension);
        }
        return tensor.build();
    }

    private static <T> void respond(StreamObserver<T> answer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            answer.onError(GrpcErrors.toStatus(e).asRuntimeException());
            return;
        }
        answer.onNext(response);
        answer.onCompleted();
    }
}
