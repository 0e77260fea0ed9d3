package dev.timpani.loaders.pickle;

import java.util.Set;
import java.util.TreeSet;

/**
 * The scikit-learn classes the JVM may meet in a pickle: the estimators and transformers (families) that the
 * differential proof covers on the pickle's scikit-learn version ({@code proven.tsv} beside this class, written by
 * {@code bench/exactness}, never by hand), and the parts those families hold inside. Any other class sends the
 * pickle to the Python workers.
 */
final class AllowList {

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
            "sklearn.ensemble._gb_losses.LeastAbsoluteError",
            "sklearn.ensemble._gb_losses.ExponentialLoss",
            "sklearn.ensemble._gb_losses.HuberLossFunction",
            "sklearn.ensemble._gb_losses.QuantileLossFunction",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfBinomialLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyAbsoluteError",
            "sklearn._loss._loss.__pyx_unpickle_CyPinballLoss",
            "sklearn._loss._loss.CyHalfBinomialLoss",
            "sklearn._loss._loss.CyHalfMultinomialLoss",
            "sklearn._loss._loss.CyHalfSquaredError",
            "sklearn._loss._loss.CyAbsoluteError",
            "sklearn._loss._loss.CyPinballLoss",
            // scikit-learn 1.6's Cython losses pickle under their extension module's own name.
            "_loss.CyHalfBinomialLoss",
            "_loss.CyHalfMultinomialLoss",
            "_loss.CyHalfSquaredError",
            "_loss.CyAbsoluteError",
            "_loss.CyPinballLoss",
            "_loss.__pyx_unpickle_CyHalfBinomialLoss",
            "_loss.__pyx_unpickle_CyHalfMultinomialLoss",
            "_loss.__pyx_unpickle_CyHalfSquaredError",
            "_loss.__pyx_unpickle_CyAbsoluteError",
            "_loss.__pyx_unpickle_CyPinballLoss",
            "sklearn._loss.loss.AbsoluteError",
            // GradientBoosting's losses from 1.6 (SkLearnGradientBoosting): Huber's and the exponential loss.
            "sklearn._loss.loss.HuberLoss",
            "sklearn._loss.loss.ExponentialLoss",
            "sklearn._loss.link.HalfLogitLink",
            "sklearn._loss._loss.CyHuberLoss",
            "sklearn._loss._loss.CyExponentialLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyExponentialLoss",
            "_loss.CyHuberLoss",
            "_loss.CyExponentialLoss",
            "_loss.__pyx_unpickle_CyExponentialLoss",
            "sklearn._loss.loss.PinballLoss",
            "sklearn.preprocessing._label.LabelEncoder",
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
            // The log-link losses: HistGradientBoostingRegressor's (SkLearnHistGradientBoosting) and the GLMs'
            // (PoissonRegressor, GammaRegressor: FinalEstimators.LOG_LINK_REGRESSORS).
            "sklearn._loss.link.LogLink",
            "sklearn._loss.loss.HalfPoissonLoss",
            "sklearn._loss.loss.HalfGammaLoss",
            "sklearn._loss._loss.CyHalfPoissonLoss",
            "sklearn._loss._loss.CyHalfGammaLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfPoissonLoss",
            "sklearn._loss._loss.__pyx_unpickle_CyHalfGammaLoss",
            "_loss.CyHalfPoissonLoss",
            "_loss.CyHalfGammaLoss",
            "_loss.__pyx_unpickle_CyHalfPoissonLoss",
            "_loss.__pyx_unpickle_CyHalfGammaLoss",
            // SGDClassifier's log loss, which 1.2.1 pickles as its Cython loss object (FinalEstimators.sgdClassifier).
            "sklearn.linear_model._sgd_fast.Log",
            // From 1.4 the ColumnTransformer HistGradientBoosting builds for categorical features: an OrdinalEncoder
            // and check_array.
            "sklearn.preprocessing._encoders.OrdinalEncoder",
            "functools.partial",
            "sklearn.utils.validation.check_array",
            "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
            "sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
            "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
            "sklearn.preprocessing._label.LabelBinarizer",
            // Transformers, compiled only inside a pipeline whose family (sklearn.pipeline.Pipeline) is proven; a
            // FunctionTransformer only as the identity remainder of a ColumnTransformer (SkLearnPreprocessing).
            "sklearn.preprocessing._data.StandardScaler",
            "sklearn.preprocessing._data.MinMaxScaler",
            "sklearn.impute._base.SimpleImputer",
            "sklearn.impute._base.MissingIndicator",
            "sklearn.preprocessing._encoders.OneHotEncoder",
            "sklearn.compose._column_transformer.ColumnTransformer",
            "sklearn.compose._column_transformer._RemainderColsList",
            "sklearn.preprocessing._function_transformer.FunctionTransformer",
            // A pipeline step of its own, not inside a ColumnTransformer (SkLearnPipelines, PcaProjection).
            "sklearn.decomposition._pca.PCA");

    private AllowList() {
    }

    /** The families among {@code reachableClasses}: what must be proven on the pickle's version. */
    static Set<String> familiesAmong(Set<String> reachableClasses) {
        Set<String> families = new TreeSet<>(reachableClasses);
        families.removeIf(name -> PARTS.contains(name) || name.startsWith("numpy.") || name.startsWith("builtins."));
        return families;
    }
}
