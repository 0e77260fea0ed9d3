package dev.timpani.oip;

import java.util.List;

/** The answer to an {@code infer} request; {@code id} is the request's, null when it sent none. */
public record InferenceResponse(String modelName, String modelVersion, String id, List<OutputTensor> outputs) {

    public InferenceResponse {
        outputs = List.copyOf(outputs);
    }
}
