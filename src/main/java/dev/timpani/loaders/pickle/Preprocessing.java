package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import java.util.List;

/** The first transformer of a pipeline: request columns (numbers or strings) in, float64 columns out. */
interface Preprocessing {

    /**
     * @param inputs the columns it reads, in its fitted order
     * @param names  their names, for messages
     */
    double[][] apply(Column[] inputs, List<String> names, int rows);

    /** How many columns come out of {@code inputs} columns. */
    int width(int inputs);
}
