package dev.timpani.oip;

import java.util.List;

/**
 * A decoded {@code infer} request.
 *
 * @param id            the client's request id, echoed; null when none was sent
 * @param outputs       the outputs asked for; empty: all of them
 * @param binaryOutputs whether every output should come back binary (REST {@code binary_data_output})
 */
public record InferenceRequest(String id, List<InputTensor> inputs, List<RequestedOutput> outputs,
                               boolean binaryOutputs) {

    public InferenceRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
