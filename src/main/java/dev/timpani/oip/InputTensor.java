package dev.timpani.oip;

import java.util.Arrays;

/**
 * One decoded input tensor: its elements flattened row-major, as float64 ({@code numbers}) or text
 * ({@code texts}, null where missing). Numeric datatypes widen to float64 here, once, since a frame column is
 * float64; NaN marks a missing number.
 */
public record InputTensor(String name, Datatype datatype, long[] shape, double[] numbers, String[] texts) {

    public InputTensor {
        long count = elementCount(name, shape);
        int actual = numbers != null ? numbers.length : texts.length;
        if (count != actual) {
            throw OipException.badRequest("input '" + name + "' has shape " + Arrays.toString(shape) + ", which holds "
                    + count + " elements, but " + actual + " were sent");
        }
    }

    /** The product of the shape's dimensions, or a 400 for a negative dimension. */
    public static long elementCount(String name, long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw OipException.badRequest("input '" + name + "' has shape " + Arrays.toString(shape)
                        + "; a request's dimensions must not be negative");
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    public boolean isText() {
        return texts != null;
    }
}
