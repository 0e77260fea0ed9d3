package dev.timpani.loaders.h2o;

import dev.timpani.model.ModelLoadException;
import dev.timpani.model.TargetType;
import hex.ModelCategory;
import hex.genmodel.GenModel;
import hex.genmodel.easy.EasyPredictModelWrapper;
import hex.genmodel.easy.RowData;
import hex.genmodel.easy.exception.PredictException;
import java.util.List;

/** What an H2O model predicts, and how its answer for one row fills the prediction columns. */
enum H2oTarget {

    REGRESSION {
        @Override
        void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index)
                throws PredictException {
            columns[0][index] = wrapper.predictRegression(row).value;
        }
    },
    BINOMIAL {
        @Override
        void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index)
                throws PredictException {
            copy(wrapper.predictBinomial(row).classProbabilities, columns, index);
        }
    },
    MULTINOMIAL {
        @Override
        void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index)
                throws PredictException {
            copy(wrapper.predictMultinomial(row).classProbabilities, columns, index);
        }
    },
    ORDINAL {
        @Override
        void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index)
                throws PredictException {
            copy(wrapper.predictOrdinal(row).classProbabilities, columns, index);
        }
    };

    abstract void score(EasyPredictModelWrapper wrapper, RowData row, double[][] columns, int index)
            throws PredictException;

    private static void copy(double[] probabilities, double[][] columns, int index) {
        for (int c = 0; c < columns.length; c++) {
            columns[c][index] = probabilities[c];
        }
    }

    static H2oTarget of(GenModel model, String fileName) {
        ModelCategory category = model.getModelCategory();
        return switch (category) {
            case Regression -> REGRESSION;
            case Binomial -> BINOMIAL;
            case Multinomial -> MULTINOMIAL;
            case Ordinal -> ORDINAL;
            default -> throw new ModelLoadException("The H2O model " + fileName + " is a " + category
                    + " model; Timpani serves H2O regression, binomial, multinomial and ordinal models");
        };
    }

    /** Class labels in H2O's column order: the response domain (empty for regression). */
    List<String> labels(GenModel model) {
        if (this == REGRESSION) {
            return List.of();
        }
        String[] domain = model.getDomainValues(model.getResponseIdx());
        // A quasibinomial response has no domain; H2O itself then answers with "0" and "1".
        return domain == null ? List.of("0", "1") : List.of(domain);
    }

    /** A classifier started as a regression (or the reverse) would only fail on every request. */
    void checkServedAs(TargetType targetType, String fileName) {
        boolean classifier = this != REGRESSION;
        if (classifier != targetType.isClassification()) {
            throw new ModelLoadException("The H2O model " + fileName + " is a " + name().toLowerCase(java.util.Locale.ROOT)
                    + " model, but the server was started with target type " + targetType.drumName());
        }
    }
}
