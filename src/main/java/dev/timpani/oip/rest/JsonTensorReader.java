package dev.timpani.oip.rest;

import dev.timpani.oip.Datatype;
import dev.timpani.oip.InferenceRequest;
import dev.timpani.oip.InputTensor;
import dev.timpani.oip.OipException;
import dev.timpani.oip.RawTensors;
import dev.timpani.oip.RequestedOutput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST {@code infer} body: a JSON request, optionally followed by the binary tensor data extension's raw
 * tensors ({@code Inference-Header-Content-Length} bytes of JSON, then each input that has a
 * {@code binary_data_size} parameter, in input order). JSON {@code data} may be flat or nested row-major; a
 * {@code null} element (or {@code NaN}) is a missing value.
 */
final class JsonTensorReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** @param jsonLength the JSON header's length, or -1 when the whole body is JSON */
    InferenceRequest read(byte[] body, int jsonLength) {
        if (jsonLength > body.length) {
            throw OipException.badRequest("Inference-Header-Content-Length is " + jsonLength
                    + ", but the body has only " + body.length + " bytes");
        }
        int headerLength = jsonLength < 0 ? body.length : jsonLength;
        JsonNode root;
        try {
            root = JSON.readTree(body, 0, headerLength);
        } catch (JacksonException e) {
            throw OipException.badRequest("the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw OipException.badRequest("the request must be a JSON object with an 'inputs' array");
        }
        JsonNode inputsNode = root.get("inputs");
        if (inputsNode == null || !inputsNode.isArray()) {
            throw OipException.badRequest("the request has no 'inputs' array");
        }
        int binaryAt = headerLength;
        List<InputTensor> inputs = new ArrayList<>(inputsNode.size());
        for (JsonNode input : inputsNode) {
            String name = text(input, "name", "an input has no 'name'");
            Datatype datatype = Datatype.parse(input.path("datatype").asString(null), name);
            long[] shape = shape(input, name);
            JsonNode binarySize = input.path("parameters").get("binary_data_size");
            if (binarySize != null) {
                long size = binarySize.asLong(-1);
                if (size < 0 || binaryAt + size > body.length) {
                    throw OipException.badRequest("input '" + name + "' has binary_data_size " + binarySize
                            + ", but only " + (body.length - binaryAt) + " bytes of binary data remain");
                }
                inputs.add(RawTensors.decode(name, datatype, shape, ByteBuffer.wrap(body, binaryAt, (int) size)));
                binaryAt += (int) size;
            } else {
                inputs.add(fromJson(name, datatype, shape, input.get("data")));
            }
        }
        if (binaryAt != body.length) {
            throw OipException.badRequest((body.length - binaryAt) + " bytes follow the request that no input's "
                    + "binary_data_size accounts for");
        }
        return new InferenceRequest(root.path("id").asString(null), inputs, outputs(root),
                root.path("parameters").path("binary_data_output").asBoolean(false));
    }

    private static List<RequestedOutput> outputs(JsonNode root) {
        JsonNode outputs = root.get("outputs");
        if (outputs == null || outputs.isNull()) {
            return List.of();
        }
        if (!outputs.isArray()) {
            throw OipException.badRequest("'outputs' must be an array of {\"name\": ...} objects");
        }
        List<RequestedOutput> requested = new ArrayList<>();
        for (JsonNode output : outputs) {
            requested.add(new RequestedOutput(text(output, "name", "an output has no 'name'"),
                    output.path("parameters").path("binary_data").asBoolean(false)));
        }
        return requested;
    }

    private static String text(JsonNode node, String field, String missing) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw OipException.badRequest(missing);
        }
        return value.asString();
    }

    private static long[] shape(JsonNode input, String name) {
        JsonNode shape = input.get("shape");
        if (shape == null || !shape.isArray()) {
            throw OipException.badRequest("input '" + name + "' has no 'shape' array");
        }
        long[] dimensions = new long[shape.size()];
        for (int i = 0; i < dimensions.length; i++) {
            JsonNode dimension = shape.get(i);
            if (!dimension.isIntegralNumber()) {
                throw OipException.badRequest("input '" + name + "' has shape " + shape + "; dimensions are integers");
            }
            dimensions[i] = dimension.asLong();
        }
        return dimensions;
    }

    private static InputTensor fromJson(String name, Datatype datatype, long[] shape, JsonNode data) {
        if (data == null) {
            throw OipException.badRequest("input '" + name + "' has neither 'data' nor a binary_data_size parameter");
        }
        List<JsonNode> elements = new ArrayList<>();
        flatten(data, elements);
        if (datatype.isText()) {
            String[] texts = new String[elements.size()];
            for (int i = 0; i < texts.length; i++) {
                JsonNode element = elements.get(i);
                if (!element.isNull() && !element.isString()) {
                    throw OipException.badRequest("input '" + name + "' is BYTES, but element " + i + " is "
                            + element + "; send strings");
                }
                texts[i] = element.isNull() ? null : element.asString();
            }
            return new InputTensor(name, datatype, shape, null, texts);
        }
        double[] numbers = new double[elements.size()];
        for (int i = 0; i < numbers.length; i++) {
            JsonNode element = elements.get(i);
            if (element.isNull()) {
                numbers[i] = Double.NaN;
            } else if (element.isNumber()) {
                numbers[i] = element.asDouble();
            } else if (element.isBoolean() && datatype == Datatype.BOOL) {
                numbers[i] = element.asBoolean() ? 1.0 : 0.0;
            } else {
                throw OipException.badRequest("input '" + name + "' is " + datatype + ", but element " + i + " is "
                        + element);
            }
        }
        return new InputTensor(name, datatype, shape, numbers, null);
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                flatten(child, into);
            }
        } else {
            into.add(node);
        }
    }
}
