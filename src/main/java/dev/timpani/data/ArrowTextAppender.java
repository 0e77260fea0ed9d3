package dev.timpani.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ArrowBufPointer;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;

/** Utf8 Arrow columns as text, null kept as missing. */
final class ArrowTextAppender implements ArrowColumnAppender {

    private final String columnName;
    private final ArrowBufPointer pointer = new ArrowBufPointer();
    private String[] values = new String[0];
    private int size;

    ArrowTextAppender(String columnName) {
        this.columnName = columnName;
    }

    @Override
    public void append(ValueVector vector) {
        VariableWidthFieldVector strings = (VariableWidthFieldVector) vector;
        int count = strings.getValueCount();
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
        }
        for (int row = 0; row < count; row++) {
            values[size + row] = strings.isNull(row) ? null : text(strings, row);
        }
        size += count;
    }

    /**
     * The offsets come from the sender and Arrow's own getters trust them: a forged offset made Arrow allocate a
     * 2 GB array before noticing (found by ArrowFrameReaderFuzzTest). Each value is checked against its buffer.
     */
    private String text(VariableWidthFieldVector strings, int row) {
        strings.getDataPointer(row, pointer);
        ArrowBuf buffer = pointer.getBuf();
        long offset = pointer.getOffset();
        long length = pointer.getLength();
        if (length == 0) {
            return "";
        }
        if (buffer == null || offset < 0 || length < 0 || length > buffer.capacity() - offset
                || offset > buffer.capacity()) {
            throw new BadInputException("Arrow payload could not be read: the text in row " + (size + row + 1)
                    + " of column '" + columnName + "' lies outside its data buffer");
        }
        byte[] bytes = new byte[(int) length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Column toColumn() {
        return new TextColumn(Arrays.copyOf(values, size));
    }
}
