package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import net.razorvine.pickle.objects.ClassDict;

/**
 * The scikit-learn version that wrote a pickle: every estimator's state carries {@code _sklearn_version}
 * ({@code BaseEstimator.__getstate__}), and the version decides both whether the JVM may score it and which of the
 * library's rules (feature names, missing values) apply.
 *
 * @param text  as the pickle records it, e.g. {@code 1.9.1}: what the proven tables are keyed on
 * @param major the first number
 * @param minor the second
 */
record SkLearnVersion(String text, int major, int minor) {

    /** Read once per pickle; a pickle without a version, or with one this loader cannot read, is declined. */
    static SkLearnVersion of(Unpickled pickle) {
        if (pickle.root() instanceof ClassDict state && state.get("_sklearn_version") instanceof String version) {
            return parse(version);
        }
        throw new ModelDeclinedException(pickle.simpleName() + " records no _sklearn_version: the version that "
                + "wrote it is unknown");
    }

    static SkLearnVersion parse(String text) {
        String[] parts = text.split("[.]");
        try {
            return new SkLearnVersion(text, Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1].replaceAll("\\D.*", "")));
        } catch (RuntimeException unparsable) {
            throw new ModelDeclinedException("scikit-learn version " + text + " is not a version this loader reads");
        }
    }

    boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }
}
