package dev.timpani.model;

import dev.timpani.data.Frame;
import java.util.Optional;

/** Predictions that passed {@link PredictionContract}: what the response writer may put on the wire. */
public sealed interface Predictions {

    int rowCount();

    /** R-OUT-4: extra columns the model returned beyond its predictions. */
    Optional<Frame> extraOutput();

    /** R-OUT-1: one number per row (regression, anomaly). */
    record Numbers(double[] values, Optional<Frame> extraOutput) implements Predictions {
        @Override
        public int rowCount() {
            return values.length;
        }
    }

    /**
     * R-OUT-5 / R-OUT-9: one string per row, the model's own (text generation, geopoint WKT, vector database,
     * agentic workflow), never cast to a number; null where the model gave none.
     */
    record Texts(String[] values, Optional<Frame> extraOutput) implements Predictions {
        @Override
        public int rowCount() {
            return values.length;
        }
    }

    /**
     * R-OUT-2 / R-OUT-3: one probability per label per row; {@code byLabel[i]} is the column of
     * {@code labels.get(i)}, in the order the labels were configured.
     */
    record Probabilities(ClassLabels labels, double[][] byLabel, Optional<Frame> extraOutput) implements Predictions {
        @Override
        public int rowCount() {
            return byLabel.length == 0 ? 0 : byLabel[0].length;
        }
    }
}
