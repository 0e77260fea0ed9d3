package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.data.PandasNaValues;
import dev.timpani.model.InputSchema;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pickle NumPy 2 wrote (its arrays and scalars reduce to {@code numpy._core.*}, a module NumPy 1 does not have):
 * only an environment with NumPy 2 loads it, and pandas supports NumPy 2 from 2.2.2, so the environment DRUM serves
 * it in reads a csv with pandas 2's missing values, {@code None} among them ({@link PandasNaValues#PANDAS_2}). The
 * model is scored as before; only the csv is read so.
 */
record NumpyTwoPickle(ScoringModel model) implements ScoringModel {

    private static final byte[] MARKER = "numpy._core.".getBytes(StandardCharsets.US_ASCII);

    /** Whether the pickle names NumPy 2's module anywhere (a GLOBAL or STACK_GLOBAL of {@code numpy._core}). */
    static boolean wrote(Path artifact) throws IOException {
        byte[] window = new byte[1 << 16];
        int carried = 0;
        try (InputStream in = Files.newInputStream(artifact)) {
            int read;
            while ((read = in.read(window, carried, window.length - carried)) > 0) {
                int filled = carried + read;
                if (indexOf(window, filled) >= 0) {
                    return true;
                }
                // Keep the tail, so a marker split across two reads is still found.
                carried = Math.min(MARKER.length - 1, filled);
                System.arraycopy(window, filled - carried, window, 0, carried);
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, int length) {
        outer:
        for (int i = 0; i + MARKER.length <= length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (bytes[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public PandasNaValues csvNaValues() {
        return PandasNaValues.PANDAS_2;
    }

    @Override
    public String predictor() {
        return model.predictor();
    }

    @Override
    public RawPredictions predict(Frame frame) {
        return model.predict(frame);
    }

    @Override
    public String description() {
        return model.description() + "; its csv read with pandas 2's missing values (a NumPy 2 pickle)";
    }

    @Override
    public InputSchema inputSchema() {
        return model.inputSchema();
    }

    @Override
    public boolean batchesFaster() {
        return model.batchesFaster();
    }

    @Override
    public void warmUp() {
        model.warmUp();
    }

    @Override
    public void close() {
        model.close();
    }
}
