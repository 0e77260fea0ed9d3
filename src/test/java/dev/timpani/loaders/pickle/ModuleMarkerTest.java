package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModuleMarkerTest {

    @Test
    void seesTheModuleSplitAcrossReadsAndAfterAFalseStart() throws IOException {
        assertThat(seen("cnumpy._cornumpy._core.multiarray\n_reconstruct", 3)).isTrue();
        assertThat(seen("xxnumpy._core.", 1)).isTrue();
    }

    @Test
    void doesNotSeeNumpyOnesModuleOrAPrefix() throws IOException {
        assertThat(seen("cnumpy.core.multiarray\n_reconstruct", 4)).isFalse();
        assertThat(seen("numpy._core", 64)).isFalse();
    }

    @Test
    void skippedBytesAreSeenToo() throws IOException {
        ModuleMarker marker = new ModuleMarker("numpy._core.");
        try (InputStream in = marker.watch(new ByteArrayInputStream(bytes("..numpy._core.x")))) {
            assertThat(in.skip(8)).isEqualTo(8);
            assertThat(marker.seen()).isFalse();
            in.readAllBytes();
        }
        assertThat(marker.seen()).isTrue();
    }

    /** The stream read in chunks of {@code chunk} bytes. */
    private static boolean seen(String text, int chunk) throws IOException {
        ModuleMarker marker = new ModuleMarker("numpy._core.");
        try (InputStream in = marker.watch(new ByteArrayInputStream(bytes(text)))) {
            byte[] buffer = new byte[chunk];
            while (in.read(buffer, 0, chunk) > 0) {
                // read through
            }
        }
        return marker.seen();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
