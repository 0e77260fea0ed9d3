package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import java.util.List;

/**
 * How request columns reach the estimator's features, as scikit-learn binds them: by name when the estimator
 * was fitted on a DataFrame ({@code feature_names_in_}), else by position.
 */
sealed interface ColumnBinding {

    /** The request with its columns as the in-JVM model reads them; a 422 when the estimator's are not there. */
    Frame bind(Frame request);

    /** The features in the estimator's order, as named in a {@linkplain #bind bound} frame. */
    List<String> featureNames();

    /** Fitted on named columns: each must be in the request; extra columns are ignored. */
    record ByName(List<String> names) implements ColumnBinding {

        public ByName {
            names = List.copyOf(names);
        }

        @Override
        public List<String> featureNames() {
            return names;
        }

        @Override
        public Frame bind(Frame request) {
            List<String> missing = names.stream().filter(name -> request.indexOf(name) < 0).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException("The model was fitted on columns the request lacks: "
                        + String.join(", ", missing) + " (the request has " + request.columnCount() + " columns: "
                        + abbreviated(request.columnNames()) + ")");
            }
            return request;
        }
    }

    /**
     * Fitted on an array: the request's columns are the features in order, whatever they are called, renamed to
     * the names the in-JVM model knows them by.
     */
    record ByPosition(List<String> modelNames) implements ColumnBinding {

        public ByPosition {
            modelNames = List.copyOf(modelNames);
        }

        @Override
        public List<String> featureNames() {
            return modelNames;
        }

        @Override
        public Frame bind(Frame request) {
            if (request.columnCount() != modelNames.size()) {
                throw new BadInputException("The model was fitted on " + modelNames.size()
                        + " unnamed features, taken by position; the request has " + request.columnCount()
                        + " columns: " + abbreviated(request.columnNames()));
            }
            return new Frame(modelNames, request.columns(), request.rowCount());
        }
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", ... (" + (names.size() - 20) + " more)";
    }
}
