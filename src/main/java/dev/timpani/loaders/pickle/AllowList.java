package dev.timpani.loaders.pickle;

import java.util.Optional;
import java.util.Set;

/**
 * The scikit-learn classes proven exact in the JVM: every class reachable from a pickle must be here, or the
 * pickle goes to the Python workers. {@code PickleExactnessTest} holds this list: each estimator and transformer
 * below is scored there from pickles the library itself made, against its own {@code predict} /
 * {@code predict_proba}, and a class without such a test fails it. Deliberately absent (JPMML-SkLearn converts
 * them, but not exactly): {@code KNeighbors*} (distance weighting and tie order differ).
 */
final class AllowList {

    /** Estimators and transformers, each proven by at least one pickle in the tests. */
    static final Set<String> FAMILIES = Set.of(
            "sklearn.tree._classes.DecisionTreeClassifier",
            "sklearn.tree._classes.DecisionTreeRegressor",
            "sklearn.ensemble._forest.RandomForestClassifier",
            "sklearn.ensemble._forest.RandomForestRegressor",
            "sklearn.ensemble._forest.ExtraTreesClassifier",
            "sklearn.ensemble._forest.ExtraTreesRegressor",
            "sklearn.ensemble._gb.GradientBoostingClassifier",
            "sklearn.ensemble._gb.GradientBoostingRegressor",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor",
            "sklearn.linear_model._base.LinearRegression",
            "sklearn.linear_model._ridge.Ridge",
            "sklearn.linear_model._logistic.LogisticRegression",
            "sklearn.naive_bayes.GaussianNB",
            "sklearn.discriminant_analysis.LinearDiscriminantAnalysis",
            "sklearn.neural_network._multilayer_perceptron.MLPClassifier",
            "sklearn.neural_network._multilayer_perceptron.MLPRegressor",
            "sklearn.svm._classes.SVR",
            "sklearn.pipeline.Pipeline",
            "sklearn.compose._column_transformer.ColumnTransformer",
            "sklearn.impute._base.SimpleImputer",
            "sklearn.preprocessing._data.StandardScaler",
            "sklearn.preprocessing._encoders.OneHotEncoder",
            "sklearn.decomposition._pca.PCA");

    /** What the families above hold inside: fitted parts, never served on their own. */
    static final Set<String> PARTS = Set.of(
            "sklearn.tree._tree.Tree",
            "sklearn.tree._classes.ExtraTreeClassifier",
            "sklearn.tree._classes.ExtraTreeRegressor",
            "sklearn.dummy.DummyClassifier",
            "sklearn.dummy.DummyRegressor",
            "sklearn.ensemble._gb_losses.BinomialDeviance",
            "sklearn.ensemble._gb_losses.MultinomialDeviance",
            "sklearn.ensemble._gb_losses.LeastSquaresError",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfBinomialLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfMultinomialLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfSquaredError",
            "sklearn._loss.link.Interval",
            "sklearn._loss.link.IdentityLink",
            "sklearn._loss.link.LogitLink",
            "sklearn._loss.link.MultinomialLogit",
            "sklearn._loss.loss.HalfBinomialLoss",
            "sklearn._loss.loss.HalfMultinomialLoss",
            "sklearn._loss.loss.HalfSquaredError",
            "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
            "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
            "sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
            "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
            "sklearn.preprocessing._label.LabelBinarizer");

    private AllowList() {
    }

    /**
     * The class that keeps this object graph out of the JVM, if any: the pickled object's own class when it is
     * refused (the name a user recognises), else the first refused part in name order.
     */
    static Optional<String> firstRefused(String rootClass, Set<String> reachableClasses) {
        if (!allowed(rootClass)) {
            return Optional.of(rootClass);
        }
        return reachableClasses.stream().filter(name -> !allowed(name)).findFirst();
    }

    private static boolean allowed(String className) {
        return FAMILIES.contains(className) || PARTS.contains(className)
                || className.startsWith("numpy.") || className.startsWith("builtins.");
    }
}
