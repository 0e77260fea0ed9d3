package dev.timpani.trees;

import java.util.Arrays;
import java.util.List;

/**
 * What LightGBM does to the summed raw scores before {@code predict} returns them: the objective's
 * {@code ConvertOutput} ({@code src/objective/*.hpp}, 4.x), read from the model text's {@code objective=} line as
 * {@code ObjectiveFunction::CreateObjectiveFunction(const std::string&)} (src/objective/objective_function.cpp) reads
 * it. Only these are reproduced; any other objective ({@code cross_entropy_lambda}'s {@code log1p}, a custom one), or
 * a known one with a token this class does not know, is refused.
 *
 * @param name     the objective's name as the model text gives it
 * @param link     how the raw score becomes the prediction
 * @param classes  {@code num_class} for the multiclass objectives, else 1
 * @param sigmoid  the {@code sigmoid:} parameter of binary and multiclassova, else NaN
 */
public record LightGbmObjective(String name, Link link, int classes, double sigmoid) {

    /** The output transforms. */
    public enum Link {
        /**
         * {@code RegressionL2loss::ConvertOutput} without {@code sqrt}, inherited by l1, huber, fair, quantile and
         * mape; {@code ObjectiveFunction::ConvertOutput} (the default, objective_function.h) of the ranking
         * objectives lambdarank and rank_xendcg, which predict their raw scores.
         */
        IDENTITY,
        /**
         * {@code RegressionL2loss::ConvertOutput} with {@code sqrt} (the model trained on {@code sqrt} of the label,
         * {@code reg_sqrt}): {@code Common::Sign(x) * x * x}, the sign an int (0 for 0, -0.0 and NaN), multiplied
         * left to right.
         */
        SIGNED_SQUARE,
        /** {@code RegressionPoissonLoss::ConvertOutput}, inherited by gamma and tweedie: {@code std::exp}. */
        EXP,
        /** {@code CrossEntropy::ConvertOutput} (xentropy_objective.hpp): {@code 1.0f / (1.0f + std::exp(-x))}. */
        LOGISTIC,
        /** {@code BinaryLogloss} and {@code MulticlassOVA}: {@code 1.0f / (1.0f + std::exp(-sigmoid * x))}. */
        SIGMOID,
        /** {@code MulticlassSoftmax}: {@code Common::Softmax}. */
        SOFTMAX
    }

    private static final List<String> IDENTITY_OBJECTIVES = List.of("regression", "regression_l1", "huber", "fair",
            "quantile", "mape");
    /**
     * Those whose string constructor keeps the {@code sqrt} token ({@code RegressionL2loss(strs)}): huber's drops it,
     * and poisson's, gamma's and tweedie's {@code ConvertOutput} is exp whatever it says (their training drops it, so
     * their model text never carries it; refused here).
     */
    private static final List<String> SQRT_OBJECTIVES = List.of("regression", "regression_l1", "fair", "quantile",
            "mape");
    private static final List<String> EXP_OBJECTIVES = List.of("poisson", "gamma", "tweedie");
    /** {@code RankingObjective::ToString} writes the name alone; {@code ConvertOutput} is the identity. */
    public static final List<String> RANKING_OBJECTIVES = List.of("lambdarank", "rank_xendcg");

    /** Whether this is a ranking objective ({@code LGBMRanker}'s). */
    public boolean ranking() {
        return RANKING_OBJECTIVES.contains(name);
    }

    /** Reads {@code objective=...}'s value as the model text writes it ({@code ObjectiveFunction::ToString}). */
    public static LightGbmObjective parse(String line) {
        List<String> tokens = Arrays.asList(line.strip().split(" "));
        String name = tokens.get(0);
        List<String> parameters = tokens.subList(1, tokens.size());
        if (SQRT_OBJECTIVES.contains(name) && parameters.equals(List.of("sqrt"))) {
            return new LightGbmObjective(name, Link.SIGNED_SQUARE, 1, Double.NaN);
        }
        if (RANKING_OBJECTIVES.contains(name) || name.equals("cross_entropy")) {
            if (!parameters.isEmpty()) {
                throw new LightGbmUnsupportedException("the LightGBM objective '" + line + "' (with " + parameters
                        + ") is not one the JVM reproduces");
            }
            return new LightGbmObjective(name, name.equals("cross_entropy") ? Link.LOGISTIC : Link.IDENTITY, 1,
                    Double.NaN);
        }
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
            case SIGNED_SQUARE -> {
                double x = raw[0][row];
                // common.h Sign: (x > 0) - (x < 0), an int; int * double * double, left to right
                int sign = (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);
                raw[0][row] = sign * x * x;
            }
            case EXP -> raw[0][row] = GlibcExp.exp(raw[0][row]);
            case LOGISTIC -> raw[0][row] = 1.0 / (1.0 + GlibcExp.exp(-raw[0][row]));
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
