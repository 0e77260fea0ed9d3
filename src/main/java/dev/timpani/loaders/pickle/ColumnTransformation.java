package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ColumnTransformer.transform} (sklearn/compose/_column_transformer.py, 1.2.1 to 1.9.1): each fitted
 * transformer of {@code transformers_} (the remainder last) reads its columns, and their outputs are stacked side
 * by side in that order ({@code _hstack}); {@code drop} and empty selections give nothing.
 *
 * @param branches the transformers that give columns, in {@code transformers_} order
 */
record ColumnTransformation(List<Branch> branches) implements Preprocessing {

    /**
     * @param inputs    positions, among the columns the pipeline reads, of this transformer's columns
     * @param transform what it computes (a {@code passthrough} is {@link NumericSteps} with no step)
     */
    record Branch(int[] inputs, Preprocessing transform) {
    }

    ColumnTransformation {
        branches = List.copyOf(branches);
    }

    @Override
    public double[][] apply(Column[] inputs, List<String> names, int rows) {
        List<double[]> out = new ArrayList<>();
        for (Branch branch : branches) {
            Column[] selected = new Column[branch.inputs().length];
            List<String> selectedNames = new ArrayList<>();
            for (int i = 0; i < selected.length; i++) {
                selected[i] = inputs[branch.inputs()[i]];
                selectedNames.add(names.get(branch.inputs()[i]));
            }
            for (double[] column : branch.transform().apply(selected, selectedNames, rows)) {
                out.add(column);
            }
        }
        return out.toArray(new double[0][]);
    }

    @Override
    public int width(int inputs) {
        int width = 0;
        for (Branch branch : branches) {
            width += branch.transform().width(branch.inputs().length);
        }
        return width;
    }
}
