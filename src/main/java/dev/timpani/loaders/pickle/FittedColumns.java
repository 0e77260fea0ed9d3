package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.ArrayList;
import java.util.List;
import net.razorvine.pickle.objects.ClassDict;

/** The columns an estimator or transformer was fitted on: {@code feature_names_in_}, else {@code n_features_in_}. */
final class FittedColumns {

    private FittedColumns() {
    }

    /** {@code feature_names_in_} (fitted on a DataFrame), or null when fitted on an array. */
    static List<String> names(ClassDict step) {
        Object value = step.get("feature_names_in_");
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object name : PickledArrays.list(step, "feature_names_in_")) {
            names.add(String.valueOf(name));
        }
        return names;
    }

    /** {@code n_features_in_}. */
    static int count(ClassDict step) {
        if (step.get("n_features_in_") instanceof Number count) {
            return count.intValue();
        }
        throw new ModelDeclinedException(Unpickled.classNameOf(step) + " records no n_features_in_");
    }

    /** What the engine calls an array-fitted step's features: x1..xn. */
    static List<String> positional(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("x" + (i + 1));
        }
        return names;
    }

    /** scikit-learn's binding of the request to {@code step}'s columns ({@link ColumnBinding#scikitLearn}). */
    static ColumnBinding binding(ClassDict step, SkLearnVersion version) {
        String name = step.getClassName();
        return ColumnBinding.scikitLearn(names(step), () -> positional(count(step)), version,
                name.substring(name.lastIndexOf('.') + 1));
    }
}
