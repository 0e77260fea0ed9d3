package dev.timpani.oip;

import java.util.Map;

/**
 * One output tensor: float64 {@code numbers} or text {@code texts}, flattened row-major, with its parameters
 * (the class labels of {@code probabilities}).
 *
 * @param binary whether REST sends its data in the binary tensor extension
 */
public record OutputTensor(String name, Datatype datatype, long[] shape, Map<String, String> parameters,
                           double[] numbers, String[] texts, boolean binary) {

    public OutputTensor {
        parameters = Map.copyOf(parameters);
    }

    public OutputTensor asBinary(boolean binary) {
        return new OutputTensor(name, datatype, shape, parameters, numbers, texts, binary);
    }
}
