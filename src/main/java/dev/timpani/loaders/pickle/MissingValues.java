package dev.timpani.loaders.pickle;

import java.util.List;
import java.util.Set;
import org.jpmml.python.PythonObject;

/**
 * Whether a scikit-learn tree or forest takes NaN at predict time, as the version that wrote it decides
 * ({@code BaseDecisionTree._support_missing_values} and the forests' {@code _validate_X_predict}):
 * <ul>
 * <li>decision trees from 1.3, with the {@code best} splitter (any splitter from 1.6), a criterion the splitter
 *     handles missing values for, and no monotonic constraints (1.6.1's {@code __sklearn_tags__});</li>
 * <li>from 1.9 every decision tree, and every extra tree (its splitter is {@code random}), whatever the
 *     criterion or constraints (1.9.1's {@code _support_missing_values});</li>
 * <li>random forests from 1.4 and extra trees from 1.6, by the same test on their first tree.</li>
 * </ul>
 * The proof ({@code bench/exactness}) holds these rules on 1.2.1, 1.6.1 and 1.9.1; other versions are refused
 * unless trusted.
 * Then a NaN follows each node's {@code missing_go_to_left}; otherwise the library refuses the row.
 */
final class MissingValues {

    private static final Set<String> CLASSIFIER_CRITERIA = Set.of("gini", "log_loss", "entropy");
    private static final Set<String> REGRESSOR_CRITERIA = Set.of("squared_error", "friedman_mse", "poisson");

    private MissingValues() {
    }

    static boolean accepted(PythonObject estimator, boolean forest, SkLearnVersion version) {
        if (!version.atLeast(1, 3)) {
            return false;
        }
        PythonObject tree = estimator;
        if (forest) {
            if (!version.atLeast(1, estimator.getClassName().contains("ExtraTrees") ? 6 : 4)) {
                return false;
            }
            List<?> members = estimator.getList("estimators_");
            tree = (PythonObject) members.get(0);
        }
        return treeAccepts(tree, version);
    }

    private static boolean treeAccepts(PythonObject tree, SkLearnVersion version) {
        Object splitter = tree.get("splitter");
        if (version.atLeast(1, 9)) {
            return "best".equals(splitter) || "random".equals(splitter);
        }
        if (!"best".equals(splitter) && !("random".equals(splitter) && version.atLeast(1, 6))) {
            return false;
        }
        if (tree.get("monotonic_cst") != null) {
            return false;
        }
        Object criterion = tree.get("criterion");
        boolean classifier = tree.getClassName().endsWith("Classifier");
        return (classifier ? CLASSIFIER_CRITERIA : REGRESSOR_CRITERIA).contains(criterion);
    }
}
