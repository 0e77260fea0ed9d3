package dev.timpani.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for batch scoring on a terminal: bytes of the input read (so the ETA is honest before the row
 * count is known), rows scored and rows/s. Silent when stderr is not a terminal, so logs and pipes stay clean.
 */
abstract class Progress implements AutoCloseable {

    abstract InputStream track(InputStream in);

    abstract void rows(long scored);

    @Override
    public abstract void close();

    static Progress silent() {
        return new Silent();
    }

    static Progress forFile(Path input) {
        if (System.console() == null) {
            return silent();
        }
        try {
            return new Bar(Files.size(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Silent extends Progress {
        @Override
        InputStream track(InputStream in) {
            return in;
        }

        @Override
        void rows(long scored) {
        }

        @Override
        public void close() {
        }
    }

    private static final class Bar extends Progress {

        private final ProgressBar bar;
        private final long started = System.nanoTime();
        private long rows;

        Bar(long bytes) {
            this.bar = new ProgressBarBuilder().setTaskName("Scoring").setInitialMax(bytes)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1 << 20).showSpeed().build();
        }

        @Override
        InputStream track(InputStream in) {
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        bar.stepBy(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        bar.stepBy(n);
                    }
                    return n;
                }
            };
        }

        @Override
        void rows(long scored) {
            rows += scored;
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            bar.setExtraMessage(String.format(" %,d rows, %,.0f rows/s", rows, rows / seconds));
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
