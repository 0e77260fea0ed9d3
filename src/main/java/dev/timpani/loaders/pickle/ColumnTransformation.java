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

    /**
     * Whether a dense output of several rows is C-ordered whatever the layout of the numeric branches: {@code _hstack}
     * is {@code np.hstack}, whose {@code concatenate} lays the result out as its inputs are, C order winning any
     * conflict (numpy/_core/src/multiarray/shape.c, {@code PyArray_CreateMultiSortedStridePerm}, the same in 1.24),
     * among the inputs of two columns or more; a dense one-hot encoding is scipy's {@code toarray()}, C-ordered. So
     * a one-hot branch of two columns or more makes it C-ordered. Without one the numeric branches decide: a
     * SimpleImputer and StandardScaler over a DataFrame keep its Fortran order (measured on 1.2.1, 1.6.1 and 1.9.1:
     * Fortran with a one-hot branch of one column, C with one of three).
     */
    boolean cOrdered() {
        for (Branch branch : branches) {
            Preprocessing transform = branch.transform();
            boolean oneHot = transform instanceof OneHotEncoding || transform instanceof TextImputing;
            if (oneHot && transform.width(branch.inputs().length) >= 2) {
                return true;
            }
        }
        return false;
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
