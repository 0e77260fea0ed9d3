package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.model.ModelFailedException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

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
     * Fitted on named columns by a library that refuses any other set or order of them: the request must carry the
     * fitted columns in the fitted order, or the library's own words come back as a 500 (R-ERR-3), as DRUM answers
     * them; a column the model never saw is not silently ignored.
     *
     * @param names   the fitted columns, in order
     * @param refusalFor the library's message for the request's columns
     */
    record StrictNames(List<String> names, Function<List<String>, String> refusalFor) implements ColumnBinding {

        public StrictNames {
            names = List.copyOf(names);
        }

        /** scikit-learn 1.2 and later ({@code BaseEstimator._check_feature_names}). */
        static StrictNames scikitLearn(List<String> names) {
            return new StrictNames(names, given -> scikitLearnRefusal(names, given));
        }

        /** XGBoost 1.7's wrappers and boosters ({@code Booster._validate_features}). */
        static StrictNames xgboost(List<String> names) {
            return new StrictNames(names, given -> given.size() != names.size()
                    ? "Feature shape mismatch, expected: " + names.size() + ", got " + given.size()
                    : "feature_names mismatch: " + pythonList(names) + " " + pythonList(given));
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
            throw new ModelFailedException(refusalFor.apply(given));
        }

        private static String scikitLearnRefusal(List<String> names, List<String> given) {
            SortedSet<String> unexpected = new TreeSet<>(given);
            unexpected.removeAll(names);
            SortedSet<String> missing = new TreeSet<>(names);
            missing.removeAll(given);
            StringBuilder message = new StringBuilder("The feature names should match those that were passed during "
                    + "fit.\n");
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
            return message.toString();
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

        /** Python's repr of a list of str, as XGBoost's message prints it (names with a quote aside). */
        private static String pythonList(List<String> names) {
            return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"));
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
     * LightGBM's: the request's columns are the features by position, whatever they are called and in whatever
     * order (a DataFrame's names are not compared: {@code Booster.predict}'s {@code validate_features=False}, which
     * the wrappers keep); a request of another width is refused with the library's text
     * ({@code LightGBMError}, src/c_api.cpp {@code CreatePredictor}), a 500 in DRUM. DRUM hands the model a
     * DataFrame, so an array-fitted wrapper answers with LightGBM's words too, not scikit-learn's
     * {@code _check_n_features}.
     */
    record LightGbmPositions(List<String> modelNames) implements ColumnBinding {

        public LightGbmPositions {
            modelNames = List.copyOf(modelNames);
        }

        @Override
        public List<String> featureNames() {
            return modelNames;
        }

        /** The request as it is: the engine reads its columns by position, and names a bad cell by its own. */
        @Override
        public Frame bind(Frame request) {
            if (request.columnCount() != modelNames.size()) {
                throw new ModelFailedException("The number of features in data (" + request.columnCount()
                        + ") is not the same as it was in training data (" + modelNames.size() + ").\n"
                        + "You can set ``predict_disable_shape_check=true`` to discard this error, but please be aware "
                        + "what you are doing.");
            }
            return request;
        }
    }

    /**
     * A scikit-learn {@code ColumnTransformer} fitted on a DataFrame: it selects its columns by name, so extra
     * columns and another order are answered, and a missing one is refused with the library's words
     * (sklearn/compose/_column_transformer.py, 1.2.1 to 1.9.1: {@code columns are missing: {...}}, a Python set).
     *
     * @param names the columns its transformers read (a {@code drop} selection's are not needed)
     */
    record SelectedByName(List<String> names) implements ColumnBinding {

        public SelectedByName {
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
                throw new ModelFailedException("columns are missing: " + missing.stream()
                        .map(name -> "'" + name + "'").sorted().collect(Collectors.joining(", ", "{", "}")));
            }
            return request;
        }
    }

    /**
     * scikit-learn's own binding for the version that wrote the estimator: fitted on a DataFrame, by name (held to
     * {@link StrictNames#scikitLearn} from 1.2, which is all the proof covers); fitted on an array, by position.
     *
     * @param fitted          {@code feature_names_in_}, null or empty when fitted on an array
     * @param positionalNames what the engine calls the features of an array-fitted estimator
     */
    static ColumnBinding scikitLearn(List<String> fitted, java.util.function.Supplier<List<String>> positionalNames,
                                     SkLearnVersion version, String estimator) {
        if (fitted != null && !fitted.isEmpty()) {
            return version.atLeast(1, 2) ? StrictNames.scikitLearn(fitted) : new ByName(fitted);
        }
        return new SkLearnPositions(positionalNames.get(), estimator);
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", ... (" + (names.size() - 20) + " more)";
    }
}
