package dev.timpani.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops a body without a declared length at the payload limit (R-ERR-2) instead of reading it all. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            exceeded = true;
            throw new PayloadTooLargeException(limit);
        }
    }

    /** True once the limit was crossed, even if a reader wrapped the exception on its way up. */
    boolean exceeded() {
        return exceeded;
    }
}
