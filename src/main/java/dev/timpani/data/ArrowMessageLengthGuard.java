package dev.timpani.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import org.apache.arrow.vector.ipc.ReadChannel;

/**
 * The channel an Arrow stream is read through, refusing an absurd message length before Arrow acts on it.
 *
 * <p>Arrow allocates a heap buffer of whatever metadata length a stream's 4-byte prefix claims, before reading a
 * byte of it: a body that is not Arrow at all (say, CSV sent with the Arrow media type) claims up to 2 GB and
 * costs the server an {@link OutOfMemoryError}. Arrow reads each prefix as a read of exactly 4 bytes, so this
 * channel checks every such read and fails with an {@link IOException} instead.
 */
final class ArrowMessageLengthGuard extends ReadChannel {

    /** Arrow's marker before a length prefix in the current IPC format. */
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int PREFIX_BYTES = 4;

    private final int maxMetadataBytes;

    ArrowMessageLengthGuard(ReadableByteChannel in, int maxMetadataBytes) {
        super(in);
        this.maxMetadataBytes = maxMetadataBytes;
    }

    @Override
    public int readFully(ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        int read = super.readFully(buffer);
        if (read == PREFIX_BYTES && buffer.capacity() == PREFIX_BYTES) {
            int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start);
            if (length != CONTINUATION && (length < 0 || length > maxMetadataBytes)) {
                throw new IOException("message metadata of " + Integer.toUnsignedLong(length)
                        + " bytes is not plausible (at most " + maxMetadataBytes + "); is this an Arrow stream?");
            }
        }
        return read;
    }
}
