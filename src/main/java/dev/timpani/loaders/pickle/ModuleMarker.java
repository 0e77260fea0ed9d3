package dev.timpani.loaders.pickle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Whether a pickle stream names a module, watched while the unpickler reads it: the bytes seen are the pickle's own,
 * after joblib's decompression, so a compressed joblib file is judged as a plain one, and the file is read once.
 * A module's name is in the stream as text (a {@code GLOBAL}'s line, or a {@code STACK_GLOBAL}'s unicode string).
 */
final class ModuleMarker {

    private final byte[] marker;
    /** Knuth-Morris-Pratt: how much of the marker is still matched after a mismatch at each length. */
    private final int[] fallback;
    private int matched;
    private boolean seen;

    ModuleMarker(String module) {
        this.marker = module.getBytes(StandardCharsets.US_ASCII);
        this.fallback = new int[marker.length];
        for (int i = 1, k = 0; i < marker.length; i++) {
            while (k > 0 && marker[i] != marker[k]) {
                k = fallback[k - 1];
            }
            if (marker[i] == marker[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    /** {@code in}, with every byte read from it also looked at here. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    look((byte) b);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = super.read(bytes, offset, length);
                for (int i = 0; i < read; i++) {
                    look(bytes[offset + i]);
                }
                return read;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes are read, so that none goes unseen
                long skipped = 0;
                while (skipped < n && read() >= 0) {
                    skipped++;
                }
                return skipped;
            }
        };
    }

    private void look(byte b) {
        if (seen) {
            return;
        }
        while (matched > 0 && b != marker[matched]) {
            matched = fallback[matched - 1];
        }
        if (b == marker[matched]) {
            matched++;
        }
        if (matched == marker.length) {
            seen = true;
        }
    }

    /** Whether the bytes read so far held the module's name. */
    boolean seen() {
        return seen;
    }
}
