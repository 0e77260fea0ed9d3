package dev.timpani.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.oip.grpc.GrpcServerLifecycle;
import dev.timpani.oip.grpc.proto.GRPCInferenceServiceGrpc;
import dev.timpani.oip.grpc.proto.InferTensorContents;
import dev.timpani.oip.grpc.proto.ModelInferRequest;
import dev.timpani.oip.grpc.proto.ModelInferResponse;
import dev.timpani.oip.grpc.proto.ModelMetadataRequest;
import dev.timpani.oip.grpc.proto.ModelMetadataResponse;
import dev.timpani.oip.grpc.proto.ModelReadyRequest;
import dev.timpani.oip.grpc.proto.ServerLiveRequest;
import dev.timpani.oip.grpc.proto.ServerMetadataRequest;
import dev.timpani.oip.grpc.proto.ServerReadyRequest;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end over real gRPC with grpc-java's client: the same corpus models as {@link V2RestCorpusTest}, scored
 * with typed tensor contents and with {@code raw_input_contents}, must give exactly what {@code /predict/} gives;
 * plus the health service, metadata, the API key and errors as gRPC statuses.
 */
class V2GrpcTest {

    static Stream<CorpusCase> cases() {
        return V2RestCorpusTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void grpcAnswersWhatPredictAnswers(CorpusCase corpusCase) throws Exception {
        if (corpusCase.name().startsWith("python_")) {
            PythonSupport.assumeModules("pandas", "sklearn", "joblib");
        }
        Map<String, String> properties = new HashMap<>(corpusCase.serverProperties());
        properties.put("timpani.oip.model-name", corpusCase.name());
        properties.put("timpani.oip.grpc.port", "0");
        try (TimpaniServer server = TimpaniServer.start(properties);
             Channel channel = Channel.to(server)) {
            Frame frame = corpusCase.inputFrame();
            Response drum = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));
            assertThat(drum.status()).as(drum.body()).isEqualTo(200);
            Map<String, double[]> expected = V2RestCorpusTest.drumColumns(drum.json(), frame.rowCount());

            ModelInferResponse typed = channel.stub().modelInfer(request(corpusCase.name(), frame, false));
            assertThat(typed.getId()).isEqualTo("grpc-1");
            assertThat(typed.getRawOutputContentsCount()).isZero();
            assertThat(columns(typed, frame.rowCount(), false)).as("typed contents")
                    .usingRecursiveComparison().isEqualTo(expected);

            if (frame.columns().stream().allMatch(column -> column instanceof NumericColumn)) {
                ModelInferResponse raw = channel.stub().modelInfer(request(corpusCase.name(), frame, true));
                assertThat(raw.getRawOutputContentsCount()).isEqualTo(raw.getOutputsCount());
                assertThat(columns(raw, frame.rowCount(), true)).as("raw contents")
                        .usingRecursiveComparison().isEqualTo(expected);
            }
        }
    }

    @Test
    void answersHealthMetadataAndErrorsAsTheProtocolSays() throws Exception {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.security.api-key", "s3cret",
                "timpani.oip.grpc.port", "0"));
             Channel channel = Channel.to(server)) {
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub open = channel.stub();
            assertThat(open.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
            assertThat(open.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
            assertThat(open.modelReady(ModelReadyRequest.newBuilder().setName("xgboost-regression").build())
                    .getReady()).isTrue();
            assertThat(open.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList())
                    .contains("binary_tensor_data");
            ModelMetadataResponse metadata = open.modelMetadata(
                    ModelMetadataRequest.newBuilder().setName("xgboost-regression").build());
            assertThat(metadata.getInputsCount()).isEqualTo(33);
            assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
            assertThat(metadata.getOutputs(0).getName()).isEqualTo("predictions");

            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel.channel());
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("inference.GRPCInferenceService")
                    .build()).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            ModelInferRequest oneRow = ModelInferRequest.newBuilder().setModelName("xgboost-regression")
                    .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("AVG_fr").setDatatype("FP64")
                            .addShape(1).setContents(InferTensorContents.newBuilder().addFp64Contents(0.3)))
                    .build();
            assertStatus(() -> open.modelInfer(oneRow), Status.Code.UNAUTHENTICATED, "Missing API key");
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub keyed = open.withInterceptors(
                    MetadataUtils.newAttachHeadersInterceptor(bearer("s3cret")));
            assertThat(keyed.modelInfer(oneRow).getOutputs(0).getShapeList()).containsExactly(1L);

            assertStatus(() -> keyed.modelInfer(oneRow.toBuilder().setModelName("other").build()),
                    Status.Code.NOT_FOUND, "model 'other' is not served here");
            assertStatus(() -> keyed.modelInfer(oneRow.toBuilder().setInputs(0, oneRow.getInputs(0).toBuilder()
                    .clearShape().addShape(2)).build()), Status.Code.INVALID_ARGUMENT,
                    "input 'AVG_fr' has shape [2], which holds 2 elements, but 1 were sent");
            assertStatus(() -> keyed.modelInfer(oneRow.toBuilder().setInputs(0, oneRow.getInputs(0).toBuilder()
                    .setDatatype("FP16")).build()), Status.Code.INVALID_ARGUMENT,
                    "input 'AVG_fr' has datatype 'FP16', which is not served");
            assertStatus(() -> keyed.modelInfer(oneRow.toBuilder().addRawInputContents(ByteString.copyFrom(
                    new byte[4])).build()), Status.Code.INVALID_ARGUMENT, "input 'AVG_fr' has 4 bytes of FP64 data");

            String prometheus = server.http().get("/actuator/prometheus").body();
            assertThat(prometheus)
                    .contains("timpani_model_scoring_seconds_count{outcome=\"success\",protocol=\"v2-grpc\"}");
        }
    }

    private static Metadata bearer(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return headers;
    }

    private static void assertStatus(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).startsWith(message);
        });
    }

    /** One input per column: typed FP64 / BYTES contents, or raw little-endian FP64. */
    private static ModelInferRequest request(String model, Frame frame, boolean raw) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model).setId("grpc-1");
        for (int c = 0; c < frame.columnCount(); c++) {
            Column column = frame.column(c);
            ModelInferRequest.InferInputTensor.Builder input = ModelInferRequest.InferInputTensor.newBuilder()
                    .setName(frame.columnNames().get(c)).addShape(frame.rowCount());
            if (column instanceof NumericColumn numbers) {
                input.setDatatype("FP64");
                if (raw) {
                    request.addRawInputContents(ByteString.copyFrom(V2Bodies.fp64(numbers.values())));
                } else {
                    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
                    for (double value : numbers.values()) {
                        contents.addFp64Contents(value);
                    }
                    input.setContents(contents);
                }
            } else {
                input.setDatatype("BYTES");
                InferTensorContents.Builder contents = InferTensorContents.newBuilder();
                for (String value : ((TextColumn) column).values()) {
                    // No missing text in a typed BYTES tensor: empty text, which pandas reads as missing too.
                    contents.addBytesContents(ByteString.copyFromUtf8(value == null ? "" : value));
                }
                input.setContents(contents);
            }
            request.addInputs(input);
        }
        return request.build();
    }

    private static Map<String, double[]> columns(ModelInferResponse response, int rows, boolean raw) {
        Map<String, double[]> columns = new HashMap<>();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            if (!output.getDatatype().equals("FP64")) {
                continue;
            }
            double[] values = raw
                    ? V2Bodies.readFp64(response.getRawOutputContents(i).toByteArray(), 0,
                            response.getRawOutputContents(i).size())
                    : output.getContents().getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            String labels = output.getName().equals("probabilities")
                    ? output.getParametersOrThrow("class_labels").getStringParam() : null;
            V2Bodies.putOutput(columns, output.getName(), labels, values, rows);
        }
        return columns;
    }

    /** A plaintext channel to the server's gRPC port, shut down after the test. */
    private record Channel(ManagedChannel channel) implements AutoCloseable {

        static Channel to(TimpaniServer server) {
            int port = server.bean(GrpcServerLifecycle.class).port();
            return new Channel(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024).build());
        }

        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
            return GRPCInferenceServiceGrpc.newBlockingStub(channel);
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
