package dev.timpani.oip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's raw tensor encoding, shared by REST's binary tensor extension and gRPC's
 * {@code raw_input_contents} / {@code raw_output_contents}: elements row-major, little-endian, fixed-size by
 * datatype; BOOL one byte; each BYTES element a 4-byte little-endian length and then its bytes (UTF-8 here).
 */
public final class RawTensors {

    private RawTensors() {
    }

    /** Decodes {@code bytes} as the elements of the input's shape, or a 400 naming the input. */
    public static InputTensor decode(String name, Datatype datatype, long[] shape, ByteBuffer bytes) {
        long count = InputTensor.elementCount(name, shape);
        ByteBuffer in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (datatype.isText()) {
            return new InputTensor(name, datatype, shape, null, texts(name, in, count));
        }
        long expected = count * datatype.size();
        if (in.remaining() != expected) {
            throw OipException.badRequest("input '" + name + "' has " + in.remaining() + " bytes of " + datatype
                    + " data; its shape needs " + expected + " (" + count + " elements of " + datatype.size()
                    + " bytes)");
        }
        double[] numbers = new double[Math.toIntExact(count)];
        switch (datatype) {
            case FP64 -> in.asDoubleBuffer().get(numbers);
            case FP32 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.getFloat();
                }
            }
            case INT64 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.getLong();
                }
            }
            case UINT64 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = unsigned(in.getLong());
                }
            }
            case INT32 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.getInt();
                }
            }
            case UINT32 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = Integer.toUnsignedLong(in.getInt());
                }
            }
            case INT16 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.getShort();
                }
            }
            case UINT16 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = Short.toUnsignedInt(in.getShort());
                }
            }
            case INT8 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.get();
                }
            }
            case UINT8 -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = Byte.toUnsignedInt(in.get());
                }
            }
            case BOOL -> {
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = in.get() != 0 ? 1.0 : 0.0;
                }
            }
            default -> throw new IllegalStateException("unhandled datatype " + datatype);
        }
        return new InputTensor(name, datatype, shape, numbers, null);
    }

    private static String[] texts(String name, ByteBuffer in, long count) {
        String[] texts = new String[Math.toIntExact(count)];
        for (int i = 0; i < texts.length; i++) {
            if (in.remaining() < 4) {
                throw OipException.badRequest("input '" + name + "' ends after " + i + " of its " + count
                        + " BYTES elements");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw OipException.badRequest("input '" + name + "' element " + i + " claims " + length
                        + " bytes; " + in.remaining() + " remain");
            }
            byte[] element = new byte[length];
            in.get(element);
            texts[i] = new String(element, StandardCharsets.UTF_8);
        }
        if (in.hasRemaining()) {
            throw OipException.badRequest("input '" + name + "' has " + in.remaining() + " bytes after its " + count
                    + " BYTES elements");
        }
        return texts;
    }

    private static double unsigned(long value) {
        double d = (double) (value & Long.MAX_VALUE);
        return value < 0 ? d + 0x1.0p63 : d;
    }

    /** The output's elements in the raw encoding (FP64 or BYTES; a missing text is an empty element). */
    public static byte[] encode(OutputTensor output) {
        if (output.texts() != null) {
            byte[][] elements = new byte[output.texts().length][];
            int size = 0;
            for (int i = 0; i < elements.length; i++) {
                String text = output.texts()[i];
                elements[i] = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
                size += 4 + elements[i].length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] element : elements) {
                out.putInt(element.length).put(element);
            }
            return out.array();
        }
        ByteBuffer out = ByteBuffer.allocate(output.numbers().length * 8).order(ByteOrder.LITTLE_ENDIAN);
        out.asDoubleBuffer().put(output.numbers());
        return out.array();
    }
}
