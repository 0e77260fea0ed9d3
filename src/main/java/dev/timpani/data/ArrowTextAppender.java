package dev.timpani.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;

/** Utf8 Arrow columns as text, null kept as missing. */
final class ArrowTextAppender implements ArrowColumnAppender {

    private String[] values = new String[0];
    private int size;

    @Override
    public void append(ValueVector vector) {
        VariableWidthFieldVector strings = (VariableWidthFieldVector) vector;
        int count = strings.getValueCount();
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
        }
        for (int row = 0; row < count; row++) {
            values[size + row] = strings.isNull(row) ? null : new String(strings.get(row), StandardCharsets.UTF_8);
        }
        size += count;
    }

    @Override
    public Column toColumn() {
        return new TextColumn(Arrays.copyOf(values, size));
    }
}
