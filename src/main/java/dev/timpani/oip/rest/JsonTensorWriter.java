package dev.timpani.oip.rest;

import dev.timpani.oip.InferenceResponse;
import dev.timpani.oip.OutputTensor;
import dev.timpani.oip.RawTensors;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The REST {@code infer} answer: the JSON response, streamed with Jackson, and after it the raw data of every output
 * sent in the binary tensor data extension ({@link #jsonLength} is then the header's length).
 */
final class JsonTensorWriter {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** The encoded response: {@code body}, of which the first {@code jsonLength} bytes are JSON. */
    record Encoded(byte[] body, int jsonLength, boolean binary) {
    }

    Encoded write(InferenceResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> binaries = new ArrayList<>();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("model_name", response.modelName());
            if (response.modelVersion() != null) {
                json.writeStringProperty("model_version", response.modelVersion());
            }
            if (response.id() != null) {
                json.writeStringProperty("id", response.id());
            }
            json.writeName("outputs");
            json.writeStartArray();
            for (OutputTensor output : response.outputs()) {
                json.writeStartObject();
                json.writeStringProperty("name", output.name());
                json.writeStringProperty("datatype", output.datatype().name());
                json.writeName("shape");
                json.writeArray(output.shape(), 0, output.shape().length);
                byte[] raw = output.binary() ? RawTensors.encode(output) : null;
                if (!output.parameters().isEmpty() || raw != null) {
                    json.writeName("parameters");
                    json.writeStartObject();
                    for (Map.Entry<String, String> parameter : output.parameters().entrySet()) {
                        json.writeStringProperty(parameter.getKey(), parameter.getValue());
                    }
                    if (raw != null) {
                        json.writeNumberProperty("binary_data_size", raw.length);
                    }
                    json.writeEndObject();
                }
                if (raw != null) {
                    binaries.add(raw);
                } else {
                    writeData(json, output);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        int jsonLength = out.size();
        for (byte[] raw : binaries) {
            out.writeBytes(raw);
        }
        return new Encoded(out.toByteArray(), jsonLength, !binaries.isEmpty());
    }

    /** Flat row-major data, as the protocol allows; NaN (a model's missing value) is JSON null. */
    private static void writeData(JsonGenerator json, OutputTensor output) {
        json.writeName("data");
        json.writeStartArray();
        if (output.texts() != null) {
            for (String text : output.texts()) {
                if (text == null) {
                    json.writeNull();
                } else {
                    json.writeString(text);
                }
            }
        } else {
            for (double value : output.numbers()) {
                if (Double.isFinite(value)) {
                    json.writeNumber(value);
                } else {
                    json.writeNull();
                }
            }
        }
        json.writeEndArray();
    }
}
