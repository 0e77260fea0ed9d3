package dev.timpani.oip;

import java.util.Locale;

/**
 * The protocol's tensor datatypes that map onto a {@link dev.timpani.data.Frame} column: the numeric ones become
 * float64 columns (as pandas' float64), BOOL 1.0 / 0.0, BYTES text (UTF-8). FP16 and BF16 are left out: nothing
 * in a DRUM model folder reads half-precision tables.
 *
 * @param size bytes per element in the binary (raw) encoding; 0 for BYTES, whose elements carry their length
 */
public enum Datatype {
    BOOL(1), UINT8(1), UINT16(2), UINT32(4), UINT64(8), INT8(1), INT16(2), INT32(4), INT64(8), FP32(4), FP64(8),
    BYTES(0);

    private final int size;

    Datatype(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    public boolean isText() {
        return this == BYTES;
    }

    /** The datatype named so, or a 400 naming the input and the datatypes served. */
    public static Datatype parse(String name, String input) {
        if (name == null) {
            throw OipException.badRequest("input '" + input + "' has no datatype");
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OipException.badRequest("input '" + input + "' has datatype '" + name + "', which is not served; use"
                    + " one of BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FP32, FP64, BYTES");
        }
    }
}
