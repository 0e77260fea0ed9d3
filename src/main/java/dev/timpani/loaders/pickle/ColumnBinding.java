package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.model.ModelFailedException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

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

    /**
     * scikit-learn 1.2 and later, fitted on a DataFrame: the request's columns must be the fitted ones, in the
     * fitted order, or the estimator raises ({@code BaseEstimator._check_feature_names}) and DRUM answers 500 with
     * its text: a column the model never saw is not silently ignored.
     */
    record SkLearnNames(List<String> names) implements ColumnBinding {

        public SkLearnNames {
            names = List.copyOf(names);
        }

        @Override
        public List<String> featureNames() {
            return names;
        }

        @Override
        public Frame bind(Frame request) {
            List<String> given = request.columnNames();
            if (given.equals(names)) {
                return request;
            }
            SortedSet<String> unexpected = new TreeSet<>(given);
            unexpected.removeAll(names);
            SortedSet<String> missing = new TreeSet<>(names);
            missing.removeAll(given);
            StringBuilder message = new StringBuilder("The feature names should match those that were passed during fit.\n");
            if (!unexpected.isEmpty()) {
                message.append("Feature names unseen at fit time:\n");
                listed(message, unexpected);
            }
            if (!missing.isEmpty()) {
                message.append("Feature names seen at fit time, yet now missing:\n");
                listed(message, missing);
            }
            if (unexpected.isEmpty() && missing.isEmpty()) {
                message.append("Feature names must be in the same order as they were in fit.\n");
            }
            throw new ModelFailedException(message.toString());
        }

        /** At most five names, then {@code - ...}, as scikit-learn lists them (sorted: Python's {@code sorted}). */
        private static void listed(StringBuilder message, SortedSet<String> names) {
            int shown = 0;
            for (String name : names) {
                if (shown++ == 5) {
                    message.append("- ...\n");
                    break;
                }
                message.append("- ").append(name).append('\n');
            }
        }
    }

    /**
     * scikit-learn fitted on an array: the request's columns are the features by position, and a request of
     * another width is refused with the library's text ({@code BaseEstimator._check_n_features}), a 500 in DRUM.
     */
    record SkLearnPositions(List<String> modelNames, String estimator) implements ColumnBinding {

        public SkLearnPositions {
            modelNames = List.copyOf(modelNames);
        }

        @Override
        public List<String> featureNames() {
            return modelNames;
        }

        @Override
        public Frame bind(Frame request) {
            if (request.columnCount() != modelNames.size()) {
                throw new ModelFailedException("X has " + request.columnCount() + " features, but " + estimator
                        + " is expecting " + modelNames.size() + " features as input.");
            }
            return new Frame(modelNames, request.columns(), request.rowCount());
        }
    }

    /**
     * XGBoost's scikit-learn wrappers and boosters fitted on named columns: any other set or order of columns is
     * refused ({@code Booster._validate_features}, 1.7), with XGBoost's words, a 500 as in DRUM.
     */
    record XGBoostNames(List<String> names) implements ColumnBinding {

        public XGBoostNames {
            names = List.copyOf(names);
        }

        @Override
        public List<String> featureNames() {
            return names;
        }

        @Override
        public Frame bind(Frame request) {
            List<String> given = request.columnNames();
            if (given.equals(names)) {
                return request;
            }
            if (given.size() != names.size()) {
                throw new ModelFailedException("Feature shape mismatch, expected: " + names.size() + ", got "
                        + given.size());
            }
            throw new ModelFailedException("feature_names mismatch: " + pythonList(names) + " " + pythonList(given));
        }

        /** Python's repr of a list of str, as the message prints it (names with a quote aside). */
        private static String pythonList(List<String> names) {
            return names.stream().map(name -> "'" + name + "'").collect(java.util.stream.Collectors.joining(", ",
                    "[", "]"));
        }
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", ... (" + (names.size() - 20) + " more)";
    }
}
