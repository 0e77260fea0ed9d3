package dev.timpani.oip.grpc;

import com.google.protobuf.ByteString;
import dev.timpani.oip.Datatype;
import dev.timpani.oip.InferenceRequest;
import dev.timpani.oip.InferenceResponse;
import dev.timpani.oip.InputTensor;
import dev.timpani.oip.OipException;
import dev.timpani.oip.OutputTensor;
import dev.timpani.oip.RawTensors;
import dev.timpani.oip.RequestedOutput;
import dev.timpani.oip.grpc.proto.InferParameter;
import dev.timpani.oip.grpc.proto.InferTensorContents;
import dev.timpani.oip.grpc.proto.ModelInferRequest;
import dev.timpani.oip.grpc.proto.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ModelInfer} messages to and from the protocol's records. Inputs come either all in
 * {@code raw_input_contents} (the fast path: little-endian bytes, as REST's binary extension) or all in typed
 * {@code contents}; the outputs answer in kind, raw for a raw request, as Triton's clients expect.
 */
final class ProtoTensors {

    private ProtoTensors() {
    }

    static InferenceRequest decode(ModelInferRequest request) {
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw OipException.badRequest("raw_input_contents has " + request.getRawInputContentsCount()
                    + " entries for " + request.getInputsCount() + " inputs; send one per input, or none");
        }
        List<InputTensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            Datatype datatype = Datatype.parse(input.getDatatype().isEmpty() ? null : input.getDatatype(),
                    input.getName());
            long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
            inputs.add(raw
                    ? RawTensors.decode(input.getName(), datatype, shape,
                            request.getRawInputContents(i).asReadOnlyByteBuffer())
                    : typed(input.getName(), datatype, shape, input.getContents()));
        }
        List<RequestedOutput> outputs = request.getOutputsList().stream()
                .map(output -> new RequestedOutput(output.getName(), false)).toList();
        return new InferenceRequest(request.getId().isEmpty() ? null : request.getId(), inputs, outputs, raw);
    }

    private static InputTensor typed(String name, Datatype datatype, long[] shape, InferTensorContents contents) {
        if (datatype == Datatype.BYTES) {
            String[] texts = new String[contents.getBytesContentsCount()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = contents.getBytesContents(i).toString(StandardCharsets.UTF_8);
            }
            return new InputTensor(name, datatype, shape, null, texts);
        }
        double[] numbers = switch (datatype) {
            case FP64 -> contents.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            case FP32 -> contents.getFp32ContentsList().stream().mapToDouble(Float::doubleValue).toArray();
            case INT64 -> contents.getInt64ContentsList().stream().mapToDouble(Long::doubleValue).toArray();
            case INT32, INT16, INT8 -> contents.getIntContentsList().stream().mapToDouble(Integer::doubleValue)
                    .toArray();
            case UINT32, UINT16, UINT8 -> contents.getUintContentsList().stream()
                    .mapToDouble(value -> Integer.toUnsignedLong(value)).toArray();
            case UINT64 -> contents.getUint64ContentsList().stream()
                    .mapToDouble(value -> Double.parseDouble(Long.toUnsignedString(value))).toArray();
            case BOOL -> contents.getBoolContentsList().stream().mapToDouble(value -> value ? 1.0 : 0.0).toArray();
            default -> throw new IllegalStateException("unhandled datatype " + datatype);
        };
        return new InputTensor(name, datatype, shape, numbers, null);
    }

    static ModelInferResponse encode(InferenceResponse response) {
        ModelInferResponse.Builder message = ModelInferResponse.newBuilder().setModelName(response.modelName());
        if (response.modelVersion() != null) {
            message.setModelVersion(response.modelVersion());
        }
        if (response.id() != null) {
            message.setId(response.id());
        }
        for (OutputTensor output : response.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(output.name()).setDatatype(output.datatype().name());
            for (long dimension : output.shape()) {
                tensor.addShape(dimension);
            }
            for (Map.Entry<String, String> parameter : output.parameters().entrySet()) {
                tensor.putParameters(parameter.getKey(),
                        InferParameter.newBuilder().setStringParam(parameter.getValue()).build());
            }
            if (output.binary()) {
                message.addRawOutputContents(ByteString.copyFrom(RawTensors.encode(output)));
            } else {
                tensor.setContents(contents(output));
            }
            message.addOutputs(tensor);
        }
        return message.build();
    }

    private static InferTensorContents contents(OutputTensor output) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        if (output.texts() != null) {
            for (String text : output.texts()) {
                contents.addBytesContents(ByteString.copyFromUtf8(text == null ? "" : text));
            }
        } else {
            for (double value : output.numbers()) {
                contents.addFp64Contents(value);
            }
        }
        return contents.build();
    }
}
