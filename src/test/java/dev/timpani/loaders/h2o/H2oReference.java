package dev.timpani.loaders.h2o;

import hex.genmodel.GenModel;
import hex.genmodel.MojoModel;
import hex.genmodel.easy.EasyPredictModelWrapper;
import hex.genmodel.easy.RowData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * H2O's own scoring of csv text, independent of Timpani's request parsing: every non-empty cell goes to
 * EasyPredictModelWrapper as the string it is, unknown levels and non-numbers as missing (how the corpus's
 * expected values were made).
 */
final class H2oReference {

    private final EasyPredictModelWrapper wrapper;

    private H2oReference(GenModel model) {
        this.wrapper = new EasyPredictModelWrapper(new EasyPredictModelWrapper.Config().setModel(model)
                .setConvertUnknownCategoricalLevelsToNa(true).setConvertInvalidNumbersToNa(true));
    }

    static H2oReference ofMojo(Path zip) throws IOException {
        return new H2oReference(MojoModel.load(zip.toString()));
    }

    /** Class probabilities (binomial) of each csv row, {@code [row][class]} in the model's domain order. */
    double[][] binomial(List<String> header, List<List<String>> rows) throws Exception {
        double[][] result = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            RowData row = new RowData();
            List<String> cells = rows.get(r);
            for (int c = 0; c < header.size(); c++) {
                if (!cells.get(c).isEmpty()) {
                    row.put(header.get(c), cells.get(c));
                }
            }
            result[r] = wrapper.predictBinomial(row).classProbabilities;
        }
        return result;
    }

    String[] domain() {
        GenModel model = wrapper.m;
        return model.getDomainValues(model.getResponseIdx());
    }
}
