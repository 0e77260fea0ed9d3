package dev.timpani.loaders.xgboost;

import dev.timpani.model.ModelLoadException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed-width fields of XGBoost's legacy binary model, read in file order. Every field names itself so
 * that a truncated or corrupt file says where it went wrong.
 */
final class LegacyBinaryInput {

    private final ByteBuffer bytes;

    LegacyBinaryInput(byte[] file) {
        // dmlc-core's streams write little-endian on every host (DMLC_IO_NO_ENDIAN_SWAP, and a byte swap on
        // big-endian ones), so the file's byte order does not depend on where it was saved.
        this.bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    int int32(String field) {
        try {
            return bytes.getInt();
        } catch (BufferUnderflowException end) {
            throw truncated(field);
        }
    }

    long int64(String field) {
        try {
            return bytes.getLong();
        } catch (BufferUnderflowException end) {
            throw truncated(field);
        }
    }

    float float32(String field) {
        try {
            return bytes.getFloat();
        } catch (BufferUnderflowException end) {
            throw truncated(field);
        }
    }

    void skip(int length, String field) {
        if (bytes.remaining() < length) {
            throw truncated(field);
        }
        bytes.position(bytes.position() + length);
    }

    /** {@code dmlc::Stream::Write(std::string)}: a uint64 length, then the bytes as they were (no encoding). */
    byte[] string(String field) {
        byte[] value = new byte[count(field, 1)];
        bytes.get(value);
        return value;
    }

    /**
     * A uint64 element count ({@code std::vector}, {@code std::string}), checked against what is left of the
     * file so a corrupt count fails here instead of allocating gigabytes.
     */
    int count(String field, int bytesPerElement) {
        long count = int64(field + "'s length");
        return checkedCount(count, field, bytesPerElement);
    }

    /** An element count stored in a header field, checked like {@link #count}. */
    int checkedCount(long count, String field, int bytesPerElement) {
        if (count < 0 || count > bytes.remaining() / bytesPerElement) {
            throw new ModelLoadException("Corrupt XGBoost legacy binary model: " + field + " claims " + count
                    + " elements at byte " + bytes.position() + ", but only " + bytes.remaining()
                    + " bytes follow");
        }
        return (int) count;
    }

    boolean startsWith(String ascii) {
        if (bytes.remaining() < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes.get(bytes.position() + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    int position() {
        return bytes.position();
    }

    int remaining() {
        return bytes.remaining();
    }

    private ModelLoadException truncated(String field) {
        return new ModelLoadException("Corrupt XGBoost legacy binary model: the file ends at byte "
                + bytes.limit() + " inside " + field);
    }
}
