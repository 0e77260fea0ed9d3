package dev.timpani.trees;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code exp} as glibc computes it, bit for bit: LightGBM's objectives call {@code std::exp}, which is glibc's, and
 * Java's {@code Math.exp} / {@code StrictMath.exp} differ from it in the last bit on about 1 argument in 400 / 10.
 * <p>
 * This is the algorithm of glibc 2.28 and later ({@code sysdeps/ieee754/dbl-64/e_exp.c}, from Arm's
 * optimized-routines): {@code exp(x) = 2^(k/128) * exp(r)} with {@code k = round(x * 128 / ln 2)}, a 128-entry table
 * of {@code 2^(i/128)} (a double and the error of its rounding, computed here at load) and a degree-5 polynomial for
 * {@code exp(r) - 1}. On x86-64 glibc picks the build compiled for FMA and AVX2 when the CPU has both (every x86-64
 * CPU since 2013); the fused multiply-adds below are that build's, read from Debian 12's libm (glibc 2.36), and the
 * result matched Python's {@code math.exp} there on 2,000,000 arguments in [-745, 709] without one difference. On a
 * CPU without FMA glibc's own answer may differ from this one in the last bit.
 */
public final class GlibcExp {

    private static final int TABLE_BITS = 7;
    private static final int N = 1 << TABLE_BITS;
    private static final double INV_LN2_N = 0x1.71547652b82fep7;
    private static final double NEG_LN2_HI_N = -0x1.62e42fefa0000p-8;
    private static final double NEG_LN2_LO_N = -0x1.cf79abc9e3b3ap-47;
    private static final double SHIFT = 0x1.8p52;
    // The polynomial's coefficients for exp(r) - 1 - r on |r| <= ln2/256 (e_exp_data.c: C2..C5).
    private static final double C2 = 0x1.ffffffffffdbdp-2;
    private static final double C3 = 0x1.555555555543cp-3;
    private static final double C4 = 0x1.55555cf172b91p-5;
    private static final double C5 = 0x1.1111167a4d017p-7;
    /** Top 12 bits (sign and exponent) of 2^-54, 512 and 1024: the bounds of the fast path. */
    private static final int TOP_TINY = 0x3c9;
    private static final int TOP_LARGE = 0x408;
    private static final int TOP_OVERFLOW = 0x409;

    /** {@code tail[i]}: the relative error of the double nearest 2^(i/128). */
    private static final double[] TAIL = new double[N];
    /** The bits of that double less {@code i << 45}, so that adding {@code k << 45} scales it by 2^(k/128). */
    private static final long[] SCALE_BITS = new long[N];

    static {
        MathContext precise = new MathContext(60, RoundingMode.HALF_EVEN);
        BigDecimal root = BigDecimal.valueOf(2);
        for (int i = 0; i < TABLE_BITS; i++) {
            root = root.sqrt(precise);
        }
        BigDecimal power = BigDecimal.ONE;
        for (int i = 0; i < N; i++) {
            double nearest = power.doubleValue();
            BigDecimal exactNearest = new BigDecimal(nearest);
            TAIL[i] = power.subtract(exactNearest).divide(exactNearest, precise).doubleValue();
            SCALE_BITS[i] = Double.doubleToRawLongBits(nearest) - ((long) i << (52 - TABLE_BITS));
            power = power.multiply(root, precise);
        }
    }

    private GlibcExp() {
    }

    public static double exp(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int top = (int) (bits >>> 52) & 0x7ff;
        boolean large = false;
        if (top - TOP_TINY >= TOP_LARGE - TOP_TINY || top < TOP_TINY) {
            if (top < TOP_TINY) {
                return 1.0 + x; // |x| < 2^-54 (and rounding as the FPU does)
            }
            if (top >= TOP_OVERFLOW) {
                if (bits == 0xfff0000000000000L) {
                    return 0.0;
                }
                if (top >= 0x7ff) {
                    return 1.0 + x; // NaN or +inf
                }
                return bits < 0 ? 0.0 : Double.POSITIVE_INFINITY;
            }
            large = true; // 512 <= |x| < 1024: the scale may leave the exponent range, handled apart
        }
        double kd = Math.fma(x, INV_LN2_N, SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = Math.fma(kd, NEG_LN2_HI_N, x);
        r = Math.fma(kd, NEG_LN2_LO_N, r);
        int index = (int) (ki & (N - 1));
        long scaleBits = SCALE_BITS[index] + (ki << (52 - TABLE_BITS));
        double r2 = r * r;
        double tmp = Math.fma(r2 * r2, Math.fma(r, C5, C4), Math.fma(Math.fma(r, C3, C2), r2, r + TAIL[index]));
        if (large) {
            return outsideNormalScale(tmp, scaleBits, ki);
        }
        double scale = Double.longBitsToDouble(scaleBits);
        return Math.fma(scale, tmp, scale);
    }

    /** e_exp.c's {@code specialcase}: the result overflows or is subnormal; scaled in two steps. */
    private static double outsideNormalScale(double tmp, long scaleBits, long ki) {
        if ((ki & 0x80000000L) == 0) {
            double scale = Double.longBitsToDouble(scaleBits - (1009L << 52));
            return Math.fma(scale, tmp, scale) * 0x1p1009;
        }
        double scale = Double.longBitsToDouble(scaleBits + (1022L << 52));
        double y = scale + scale * tmp;
        if (y < 1.0) {
            // Round once, in the subnormal range, not twice.
            double lo = scale - y + scale * tmp;
            double hi = 1.0 + y;
            lo = 1.0 - hi + y + lo;
            y = (hi + lo) - 1.0;
            if (y == 0) {
                y = 0.0;
            }
        }
        return y * 0x1p-1022;
    }
}
