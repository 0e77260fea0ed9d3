package dev.timpani.trees;

import java.util.Arrays;
import java.util.List;

/**
 * What LightGBM does to the summed raw scores before {@code predict} returns them: the objective's
 * {@code ConvertOutput} ({@code src/objective/*.hpp}, 4.x), read from the model text's {@code objective=} line.
 * Only these are reproduced; any other objective, or a known one with a token this class does not know (such as
 * {@code regression sqrt}), is refused.
 *
 * @param name     the objective's name as the model text gives it
 * @param link     how the raw score becomes the prediction
 * @param classes  {@code num_class} for the multiclass objectives, else 1
 * @param sigmoid  the {@code sigmoid:} parameter of binary and multiclassova, else NaN
 */
public record LightGbmObjective(String name, Link link, int classes, double sigmoid) {

    /** The output transforms. */
    public enum Link {
        /** {@code RegressionL2loss::ConvertOutput} without {@code sqrt}, inherited by l1, huber, fair, quantile. */
        IDENTITY,
        /** {@code RegressionPoissonLoss::ConvertOutput}, inherited by gamma and tweedie: {@code std::exp}. */
        EXP,
        /** {@code BinaryLogloss} and {@code MulticlassOVA}: {@code 1.0f / (1.0f + std::exp(-sigmoid * x))}. */
        SIGMOID,
        /** {@code MulticlassSoftmax}: {@code Common::Softmax}. */
        SOFTMAX
    }

    private static final List<String> IDENTITY_OBJECTIVES = List.of("regression", "regression_l1", "huber", "fair",
            "quantile");
    private static final List<String> EXP_OBJECTIVES = List.of("poisson", "gamma", "tweedie");

    /** Reads {@code objective=...}'s value as the model text writes it ({@code ObjectiveFunction::ToString}). */
    public static LightGbmObjective parse(String line) {
        List<String> tokens = Arrays.asList(line.strip().split(" "));
        String name = tokens.get(0);
        List<String> parameters = tokens.subList(1, tokens.size());
        if (IDENTITY_OBJECTIVES.contains(name) || EXP_OBJECTIVES.contains(name)) {
            if (!parameters.isEmpty()) {
                throw new LightGbmUnsupportedException("the LightGBM objective '" + line + "' (with " + parameters
                        + ") is not one the JVM reproduces");
            }
            return new LightGbmObjective(name, IDENTITY_OBJECTIVES.contains(name) ? Link.IDENTITY : Link.EXP, 1,
                    Double.NaN);
        }
        int classes = 1;
        double sigmoid = Double.NaN;
        for (String parameter : parameters) {
            if (parameter.startsWith("num_class:")) {
                classes = Integer.parseInt(parameter.substring("num_class:".length()));
            } else if (parameter.startsWith("sigmoid:")) {
                sigmoid = Double.parseDouble(parameter.substring("sigmoid:".length()));
            } else {
                throw new LightGbmUnsupportedException("the LightGBM objective '" + line + "' has a parameter the "
                        + "JVM does not know: " + parameter);
            }
        }
        boolean wellFormed = switch (name) {
            case "binary" -> classes == 1 && sigmoid > 0;
            case "multiclassova" -> classes > 1 && sigmoid > 0;
            case "multiclass" -> classes > 1 && Double.isNaN(sigmoid);
            default -> false;
        };
        if (!wellFormed) {
            throw new LightGbmUnsupportedException("the LightGBM objective '" + line + "' is not one the JVM "
                    + "reproduces");
        }
        return new LightGbmObjective(name, name.equals("multiclass") ? Link.SOFTMAX : Link.SIGMOID, classes, sigmoid);
    }

    /**
     * Transforms one row's raw scores in place, {@code raw[k][row]}, exactly as LightGBM: in double, with glibc's
     * {@code exp} ({@link GlibcExp}).
     */
    void convert(double[][] raw, int row) {
        switch (link) {
            case IDENTITY -> {
            }
            case EXP -> raw[0][row] = GlibcExp.exp(raw[0][row]);
            case SIGMOID -> {
                for (double[] output : raw) {
                    // binary_objective.hpp: 1.0f / (1.0f + std::exp(-sigmoid_ * input[0])); 1.0f widens exactly.
                    output[row] = 1.0 / (1.0 + GlibcExp.exp(-sigmoid * output[row]));
                }
            }
            case SOFTMAX -> softmax(raw, row);
        }
    }

    /**
     * {@code Common::Softmax} (include/LightGBM/utils/common.h): the maximum by {@code std::max(input[i], wmax)},
     * then {@code exp(x - max)} summed from 0.0 in class order, then each divided by the sum.
     */
    private static void softmax(double[][] raw, int row) {
        double max = raw[0][row];
        for (int k = 1; k < raw.length; k++) {
            // std::max(a, b) is (a < b) ? b : a
            double value = raw[k][row];
            max = value < max ? max : value;
        }
        double sum = 0.0;
        for (double[] output : raw) {
            output[row] = GlibcExp.exp(output[row] - max);
            sum += output[row];
        }
        for (double[] output : raw) {
            output[row] /= sum;
        }
    }
}
