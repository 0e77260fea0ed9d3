package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.NumpySum;
import dev.timpani.trees.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jpmml.python.HasArray;
import org.jpmml.python.PythonObject;
import sklearn.Step;
import sklearn.tree.HasTree;
import sklearn.tree.Tree;

/** Single-output decision trees, random forests and extra trees, unpickled into a {@link TreeEnsemble}. */
final class SkLearnTrees {

    static final Set<String> SINGLE_TREES = Set.of("sklearn.tree._classes.DecisionTreeClassifier",
            "sklearn.tree._classes.DecisionTreeRegressor");
    static final Set<String> FORESTS = Set.of("sklearn.ensemble._forest.RandomForestClassifier",
            "sklearn.ensemble._forest.RandomForestRegressor", "sklearn.ensemble._forest.ExtraTreesClassifier",
            "sklearn.ensemble._forest.ExtraTreesRegressor");

    private SkLearnTrees() {
    }

    static boolean handles(Unpickled pickle) {
        return SINGLE_TREES.contains(pickle.className()) || FORESTS.contains(pickle.className());
    }

    static ScoringModel load(Unpickled pickle, SkLearnVersion version) {
        ColumnBinding columns = bindingOf(pickle, version);
        PythonObject estimator = (PythonObject) pickle.root();
        ScoringModel engine = compile(estimator, pickle.simpleName(), columns.featureNames(), version);
        int trees = FORESTS.contains(pickle.className()) ? estimator.getList("estimators_").size() : 1;
        return new PickledModel(engine, columns, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, " + trees + " tree(s) scored by the "
                        + "compiled tree evaluator (allow-listed as exact)");
    }

    /**
     * The tree or forest {@code estimator} (of simple class name {@code name}) reading {@code featureNames}: a
     * pickle's root, or a pipeline's last step.
     */
    static CompiledTrees compile(PythonObject estimator, String name, List<String> featureNames,
                                 SkLearnVersion version) {
        Integer outputs = estimator.getOptionalInteger("n_outputs_");
        if (outputs != null && outputs != 1) {
            throw new ModelDeclinedException(name + " predicts " + outputs + " outputs; the compiled tree "
                    + "evaluator scores single-output models");
        }
        boolean forest = FORESTS.contains(estimator.getClassName());
        List<Tree> trees = new ArrayList<>();
        if (forest) {
            for (Object member : estimator.getList("estimators_")) {
                trees.add(((HasTree) member).getTree());
            }
        } else {
            trees.add(((HasTree) estimator).getTree());
        }
        Optional<List<String>> classes = estimator.get("classes_") instanceof HasArray array
                ? Optional.of(FeatureValues.labels(array)) : Optional.empty();
        boolean takesMissing = MissingValues.accepted(estimator, forest, version);
        // Until 1.4 a classifier leaf held weighted class counts, which predict_proba divided by their sum; from
        // 1.4 it holds the fractions themselves and predict_proba returns them as they are.
        boolean countsInLeaves = !version.atLeast(1, 4);
        TreeEnsemble ensemble = flatten(trees, classes.map(List::size).orElse(1), classes.isPresent(), forest,
                takesMissing, countsInLeaves);
        return new CompiledTrees(ensemble, featureNames, classes, name);
    }

    /** scikit-learn's binding ({@link ColumnBinding#scikitLearn}); an array-fitted model's features are x1..xn. */
    static ColumnBinding bindingOf(Unpickled pickle, SkLearnVersion version) {
        Step step = (Step) pickle.root();
        return ColumnBinding.scikitLearn(step.getFeatureNamesIn(), () -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < step.getNumberOfFeatures(); i++) {
                names.add("x" + (i + 1));
            }
            return names;
        }, version, pickle.simpleName());
    }

    private static TreeEnsemble flatten(List<Tree> trees, int outputs, boolean classifier, boolean forest,
                                        boolean takesMissing, boolean countsInLeaves) {
        TreeStructure structure = TreeStructure.of(trees);
        int nodes = structure.nodes();
        double[] leafOutputs = new double[nodes * outputs];
        boolean[] missingGoesLeft = takesMissing ? new boolean[nodes] : null;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            double[] values = tree.getValues();
            int count = tree.getChildrenLeft().length;
            int offset = structure.roots()[t];
            if (takesMissing) {
                int[] toLeft = tree.getMissingGoToLeft();
                for (int n = 0; n < count; n++) {
                    missingGoesLeft[offset + n] = toLeft[n] != 0;
                }
            }
            int width = values.length / count; // max_n_classes of the (single) output
            for (int n = 0; n < count; n++) {
                if (classifier && !countsInLeaves) {
                    for (int c = 0; c < outputs; c++) {
                        leafOutputs[(offset + n) * outputs + c] = values[n * width + c];
                    }
                } else if (classifier) {
                    // predict_proba (before 1.4): proba[:, :n_classes_] / its row sum, a zero sum counting as 1.
                    double sum = 0.0 + NumpySum.of(values, n * width, outputs);
                    double normalizer = sum == 0.0 ? 1.0 : sum;
                    for (int c = 0; c < outputs; c++) {
                        leafOutputs[(offset + n) * outputs + c] = values[n * width + c] / normalizer;
                    }
                } else {
                    leafOutputs[offset + n] = values[n * width];
                }
            }
        }
        return new TreeEnsemble(structure.roots(), structure.left(), structure.right(), structure.feature(),
                structure.threshold(), missingGoesLeft, leafOutputs, outputs, forest);
    }
}
