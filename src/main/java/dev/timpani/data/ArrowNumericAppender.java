package dev.timpani.data;

import java.util.Arrays;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;

/** Floating point, integer and boolean Arrow columns as float64, null as NaN, as pandas holds them. */
final class ArrowNumericAppender implements ArrowColumnAppender {

    private double[] values = new double[0];
    private int size;

    @Override
    public void append(ValueVector vector) {
        int count = vector.getValueCount();
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
        }
        for (int row = 0; row < count; row++) {
            values[size + row] = vector.isNull(row) ? Double.NaN : valueAt(vector, row);
        }
        size += count;
    }

    private static double valueAt(ValueVector vector, int row) {
        // Unsigned vectors hand back signed Java values; read them as the unsigned numbers they hold.
        if (vector instanceof FloatingPointVector floats) {
            return floats.getValueAsDouble(row);
        } else if (vector instanceof UInt1Vector unsigned) {
            return unsigned.get(row) & 0xFF;
        } else if (vector instanceof UInt2Vector unsigned) {
            return unsigned.get(row);
        } else if (vector instanceof UInt4Vector unsigned) {
            return Integer.toUnsignedLong(unsigned.get(row));
        } else if (vector instanceof UInt8Vector unsigned) {
            return unsignedToDouble(unsigned.get(row));
        } else if (vector instanceof BaseIntVector integers) {
            return integers.getValueAsLong(row);
        } else if (vector instanceof BitVector booleans) {
            return booleans.get(row);
        }
        throw new IllegalStateException("not a numeric vector: " + vector.getClass().getSimpleName());
    }

    private static double unsignedToDouble(long bits) {
        double value = (double) (bits >>> 1) * 2.0;
        return value + (bits & 1);
    }

    @Override
    public Column toColumn() {
        return new NumericColumn(Arrays.copyOf(values, size));
    }
}
