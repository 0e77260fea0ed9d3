package dev.timpani.trees;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The ports against glibc 2.36's own {@code expf} and {@code logf} (x86-64, FMA): a C harness ran both over every
 * 97th of the 2^32 float bit patterns and folded the results' bits into an FNV-1a hash (NaN as 0x7fc00000); the
 * same fold over the ports must give the same hashes. (The full 2^32 sweep was run once the same way.)
 */
class GlibcFloatMathTest {

    private static final long EXPF_HASH = 0x3de37dd500127ab4L;
    private static final long LOGF_HASH = 0x783b06936c7db241L;

    @Test
    void expfAndLogfEqualGlibcOnASampleOfEveryFloat() {
        long expf = 0xcbf29ce484222325L;
        long logf = expf;
        for (long v = 0; v < 1L << 32; v += 97) {
            float x = Float.intBitsToFloat((int) v);
            expf = (expf ^ (bits(GlibcFloatMath.expf(x)) & 0xffffffffL)) * 1099511628211L;
            logf = (logf ^ (bits(GlibcFloatMath.logf(x)) & 0xffffffffL)) * 1099511628211L;
        }
        assertThat(Long.toHexString(expf)).isEqualTo(Long.toHexString(EXPF_HASH));
        assertThat(Long.toHexString(logf)).isEqualTo(Long.toHexString(LOGF_HASH));
    }

    @Test
    void theTwoInputsWhereFusedMultiplyAddsChangeExpf() {
        assertThat(GlibcFloatMath.expf(0x1.04845ep+5f)).isEqualTo(0x1.f93e38p+46f);
        assertThat(GlibcFloatMath.expf(-0x1.f8cbb2p+5f)).isEqualTo(0x1.f45326p-92f);
    }

    @Test
    void specialValues() {
        assertThat(GlibcFloatMath.expf(0f)).isEqualTo(1f);
        assertThat(GlibcFloatMath.expf(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
        assertThat(GlibcFloatMath.expf(100f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(GlibcFloatMath.logf(1f)).isEqualTo(0f);
        assertThat(GlibcFloatMath.logf(0f)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(GlibcFloatMath.logf(-1f)).isNaN();
    }

    private static int bits(float value) {
        return value != value ? 0x7fc00000 : Float.floatToRawIntBits(value);
    }
}
