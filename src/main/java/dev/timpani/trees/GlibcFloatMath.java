package dev.timpani.trees;

/**
 * glibc's single-precision {@code expf} and {@code logf} (2.28 and later, Szabolcs Nagy's table-driven versions:
 * {@code sysdeps/ieee754/flt-32/e_expf.c}, {@code e_logf.c}), bit for bit. XGBoost's sigmoid, softmax and logit
 * call them in float32, and neither is correctly rounded (expf errs by up to 0.502 ulp, logf by 0.82), so
 * {@code (float) Math.exp(x)} differs from XGBoost on about one input in a thousand.
 * <p>
 * The tables and coefficients are those of {@code __exp2f_data} and {@code __logf_data} as glibc 2.36 ships them
 * (read out of {@code libm.so.6}). On x86-64 with FMA, glibc runs the same C compiled with fused multiply-adds
 * ({@code __expf_fma}); that differs from the plain evaluation below at exactly two inputs of the 2^32 floats,
 * {@link #FMA_EXCEPTIONS}. With them, this class equals that machine's {@code expf} and {@code logf} on every one
 * of the 2^32 floats (compared exhaustively against libm with a C harness); {@code GlibcFloatMathTest} replays a
 * sample of that comparison.
 */
public final class GlibcFloatMath {

    private static final long[] EXP2F_TABLE = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double INV_LN2_N = 0x1.71547652b82fep+5;
    private static final double SHIFT = 0x1.8p+52;
    private static final double C0 = 0x1.c6af84b912394p-20;
    private static final double C1 = 0x1.ebfce50fac4f3p-13;
    private static final double C2 = 0x1.62e42ff0c52d6p-6;
    /** {@code top12(88.0f)}, {@code top12(INFINITY)} as e_expf.c compares them. */
    private static final int TOP12_88 = Float.floatToRawIntBits(88.0f) >>> 20;
    private static final int TOP12_INF = Float.floatToRawIntBits(Float.POSITIVE_INFINITY) >>> 20;

    /**
     * Inputs where {@code __expf_fma} (the variant glibc picks on every x86-64 CPU with FMA, Haswell and later)
     * answers one ulp above the unfused evaluation: {@code x}, then the result's bits.
     */
    static final int[][] FMA_EXCEPTIONS = {{0x4202422f, 0x56fc9f1c}, {0xc27c65d9, 0x11fa2993}};

    /** {invc, logc} per subinterval, {@code __logf_data.tab}. */
    private static final double[] LOGF_TABLE = {
        0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2, 0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2,
        0x1.49539f0f010bp+0, -0x1.01eae7f513a67p-2, 0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3,
        0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3, 0x1.25e227b0b8eap+0, -0x1.1aa2bc79c81p-3,
        0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4, 0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4,
        0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5, 0x1p+0, 0x0p+0,
        0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5, 0x1.ca4b31f026aap-1, 0x1.c5e53aa362eb4p-4,
        0x1.b2036576afce6p-1, 0x1.526e57720db08p-3, 0x1.9c2d163a1aa2dp-1, 0x1.bc2860d22477p-3,
        0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2, 0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2,
    };
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double A0 = -0x1.00ea348b88334p-2;
    private static final double A1 = 0x1.5575b0be00b6ap-2;
    private static final double A2 = -0x1.ffffef20a4123p-2;
    private static final int LOGF_OFF = 0x3f330000;

    private GlibcFloatMath() {
    }

    /** {@code expf(x)}. */
    public static float expf(float x) {
        int bits = Float.floatToRawIntBits(x);
        int abstop = (bits >>> 20) & 0x7ff;
        if (abstop >= TOP12_88) {
            // |x| >= 88 or x is NaN.
            if (x == Float.NEGATIVE_INFINITY) {
                return 0.0f;
            }
            if (abstop >= TOP12_INF) {
                return x + x;
            }
            if (x > 0x1.62e42ep6f) {
                return Float.POSITIVE_INFINITY; // __math_oflowf(0)
            }
            if (x < -0x1.9fe368p6f) {
                return 0.0f; // __math_uflowf(0)
            }
        }
        if (bits == FMA_EXCEPTIONS[0][0]) {
            return Float.intBitsToFloat(FMA_EXCEPTIONS[0][1]);
        }
        if (bits == FMA_EXCEPTIONS[1][0]) {
            return Float.intBitsToFloat(FMA_EXCEPTIONS[1][1]);
        }
        double xd = x;
        // x*N/Ln2 = k + r with r in [-1/2, 1/2] and int k.
        double z = INV_LN2_N * xd;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        // exp(x) = 2^(k/N) * 2^(r/N) ~= s * (C0*r^3 + C1*r^2 + C2*r + 1)
        long t = EXP2F_TABLE[(int) (ki & 31)];
        t += ki << 47;
        double s = Double.longBitsToDouble(t);
        z = C0 * r + C1;
        double r2 = r * r;
        double y = C2 * r + 1;
        y = z * r2 + y;
        y = y * s;
        return (float) y;
    }

    /** {@code logf(x)}. */
    public static float logf(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0.0f;
        }
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
            // x < 0x1p-126 or inf or nan.
            if (ix * 2 == 0) {
                return Float.NEGATIVE_INFINITY; // __math_divzerof(1)
            }
            if (ix == 0x7f800000) {
                return x;
            }
            if ((ix & 0x80000000) != 0 || Integer.compareUnsigned(ix * 2, 0xff000000) >= 0) {
                return Float.NaN; // __math_invalidf(x)
            }
            // Subnormal: normalize it.
            ix = Float.floatToRawIntBits(x * 0x1p23f);
            ix -= 23 << 23;
        }
        // x = 2^k z, z in [OFF, 2*OFF] and exact; the range is split into 16 subintervals around c.
        int tmp = ix - LOGF_OFF;
        int i = (tmp >>> (23 - 4)) % 16;
        int k = tmp >> 23;
        int iz = ix - (tmp & (0x1ff << 23));
        double invc = LOGF_TABLE[2 * i];
        double logc = LOGF_TABLE[2 * i + 1];
        double z = Float.intBitsToFloat(iz);
        // log(x) = log1p(z/c-1) + log(c) + k*Ln2
        double r = z * invc - 1;
        double y0 = logc + (double) k * LN2;
        double r2 = r * r;
        double y = A1 * r + A2;
        y = A0 * r2 + y;
        y = y * r2 + (y0 + r);
        return (float) y;
    }
}
