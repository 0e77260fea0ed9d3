package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.BoostedTrees;
import dev.timpani.trees.GlibcExp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jpmml.python.HasArray;
import org.jpmml.python.PythonObject;
import sklearn.tree.HasTree;
import sklearn.tree.Tree;

/**
 * GradientBoostingRegressor and GradientBoostingClassifier compiled from their unpickled trees
 * ({@link BoostedTrees}) rather than converted to PMML: JPMML-SkLearn refuses 1.6 and later pickles, and its document
 * was up to 2e-10 off on 1.2.1 regressors. The arithmetic, per version:
 * <ul>
 * <li>raw = the init estimator's raw prediction, then {@code predict_stages} ({@code _gradient_boosting.pyx});</li>
 * <li>init ({@code _gb.py}'s {@code _raw_predict_init} in 1.6.1 and 1.9.1, {@code _gb_losses.py}'s
 *     {@code get_init_raw_predictions} in 1.2.1): {@code 'zero'} gives zeros; a {@code DummyRegressor} gives its
 *     {@code constant_} through the identity link of every regression loss (squared, absolute, Huber, quantile); a
 *     classifier's {@code DummyClassifier} prior goes through the logit ({@link ClassifierInit});</li>
 * <li>a regressor's prediction is the raw value; a binary classifier's ({@code _loss/loss.py}'s
 *     {@code predict_proba}) is {@code proba[:, 1] = expit(raw)} ({@code expit(2 raw)} for the exponential loss's
 *     half-logit link, {@code _loss/link.py}) and {@code proba[:, 0] = 1 - proba[:, 1]}; scipy's {@code expit} is
 *     {@code 1 / (1 + exp(-x))} with libm's {@code exp}, which {@link GlibcExp} reproduces bit for bit.</li>
 * </ul>
 * A multiclass classifier's init goes through the multinomial logit and its probabilities through {@code softmax},
 * both with NumPy's vectorised {@code log} / {@code exp}: within the proof's tolerance, not bit for bit.
 * Declined (the Python workers serve them): any other init estimator or loss. Classifiers written by scikit-learn
 * before 1.3 stay with the PMML
 * converter, proven there ({@code 'deviance'} and NumPy's {@code log} for the prior in {@code _gb_losses.py}).
 */
final class SkLearnGradientBoosting {

    static final String CLASSIFIER = "sklearn.ensemble._gb.GradientBoostingClassifier";
    static final String REGRESSOR = "sklearn.ensemble._gb.GradientBoostingRegressor";
    /** Regression losses whose link is the identity in every version (1.2.1 {@code _gb_losses.py}, 1.6+ _LOSSES). */
    private static final Set<String> REGRESSION_LOSSES = Set.of("squared_error", "absolute_error", "huber",
            "quantile");

    private SkLearnGradientBoosting() {
    }

    /** A classifier from before 1.3 stays with the PMML converter, which the proof holds exact on 1.2.1. */
    static boolean handles(Unpickled pickle, SkLearnVersion version) {
        return compiles(pickle.className(), version);
    }

    /** Whether this class, written by this version, is compiled here (else converted to PMML). */
    static boolean compiles(String className, SkLearnVersion version) {
        return REGRESSOR.equals(className) || CLASSIFIER.equals(className) && version.atLeast(1, 3);
    }

    static ScoringModel load(Unpickled pickle, SkLearnVersion version) {
        ColumnBinding columns = SkLearnTrees.bindingOf(pickle, version);
        PythonObject estimator = (PythonObject) pickle.root();
        CompiledTrees engine = compile(estimator, pickle.simpleName(), columns.featureNames(), version);
        return new PickledModel(engine, columns, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, " + ((HasArray) estimator.get("estimators_"))
                        .getArrayContent().size() + " tree(s) scored by " + engine.evaluator() + " (allow-listed as "
                        + "exact)");
    }

    /**
     * The gradient boosting {@code estimator} (of simple class name {@code name}) reading {@code featureNames}: a
     * pickle's root, or a pipeline's last step.
     */
    static CompiledTrees compile(PythonObject estimator, String name, List<String> featureNames,
                                 SkLearnVersion version) {
        boolean classifier = CLASSIFIER.equals(estimator.getClassName());
        Object loss = estimator.get("loss");
        Optional<List<String>> classes = Optional.empty();
        boolean halfLogit = false;
        if (classifier) {
            classes = Optional.of(FeatureValues.labels((HasArray) estimator.get("classes_")));
            if (!"log_loss".equals(loss) && !"exponential".equals(loss)) {
                throw new ModelDeclinedException(name + " with the loss " + loss + " is not compiled");
            }
            halfLogit = "exponential".equals(loss);
            if (halfLogit && classes.get().size() != 2) {
                throw new ModelDeclinedException(name + " with the exponential loss and "
                        + classes.get().size() + " classes");
            }
        } else if (!REGRESSION_LOSSES.contains(loss)) {
            throw new ModelDeclinedException(name + " with the loss " + loss + " is not compiled");
        }
        int perStage = classes.map(List::size).filter(count -> count > 2).orElse(1);
        double[] init = perStage > 1
                ? ClassifierInit.multinomialRawPredictions(name, estimator.get("init_"), perStage, version)
                : new double[] {classifier
                        ? ClassifierInit.rawPrediction(name, estimator.get("init_"), halfLogit, version)
                        : regressorInit(name, estimator.get("init_"))};
        BoostedTrees trees = flatten(name, estimator, init);
        CompiledTrees.Float32Scorer scorer = perStage > 1 ? multinomial(trees)
                : classifier ? binary(trees, halfLogit) : trees::rawPredict;
        return new CompiledTrees(scorer, false, featureNames, classes, name,
                CompiledTrees.evaluatorFor(classes.map(List::size).orElse(1)));
    }

    /** The init estimator's raw value, the same for every row: {@code 'zero'}, or a DummyRegressor's constant. */
    private static double regressorInit(String name, Object init) {
        if ("zero".equals(init)) {
            return 0.0;
        }
        if (!(init instanceof PythonObject dummy)
                || !"sklearn.dummy.DummyRegressor".equals(dummy.getClassName())) {
            throw new ModelDeclinedException(name + " with the init estimator "
                    + (init instanceof PythonObject object ? object.getClassName() : String.valueOf(init))
                    + " is not compiled; only DummyRegressor and 'zero' are");
        }
        // DummyRegressor.predict: np.full((n, n_outputs_), constant_), then .astype(np.float64).
        Object stored = dummy.get("constant_");
        List<?> constant = stored instanceof HasArray array ? array.getArrayContent() : List.of(stored);
        if (constant.size() != 1) {
            throw new ModelDeclinedException(name + "'s init DummyRegressor predicts "
                    + constant.size() + " outputs");
        }
        if (!(constant.get(0) instanceof Number number)) {
            throw new ModelDeclinedException(name + "'s init DummyRegressor predicts " + constant.get(0));
        }
        return number.doubleValue();
    }

    /**
     * {@code HalfMultinomialLoss.predict_proba}: {@code softmax} of the raw predictions (sklearn/utils/extmath.py),
     * whose {@code np.exp} is NumPy's vectorised routine on AVX-512 CPUs, not libm's: the proof's tolerance covers
     * the last bit ({@code ExactnessProofTest.tolerance}).
     */
    private static CompiledTrees.Float32Scorer multinomial(BoostedTrees trees) {
        return (matrix, rows, features) -> LogisticLink.SOFTMAX.probabilities(
                trees.rawPredict(matrix, rows, features), rows);
    }

    /** {@code HalfBinomialLoss} / {@code ExponentialLoss.predict_proba}: {@code [1 - p, p]}. */
    private static CompiledTrees.Float32Scorer binary(BoostedTrees trees, boolean halfLogit) {
        return (matrix, rows, features) -> {
            double[] raw = trees.rawPredict(matrix, rows, features)[0];
            double[] positive = new double[rows];
            double[] negative = new double[rows];
            for (int row = 0; row < rows; row++) {
                double x = halfLogit ? 2 * raw[row] : raw[row];
                positive[row] = 1 / (1 + GlibcExp.exp(-x));
                negative[row] = 1 - positive[row];
            }
            return new double[][] {negative, positive};
        };
    }

    private static BoostedTrees flatten(String name, PythonObject estimator, double[] init) {
        // estimators_: an (n_estimators_, K) array of DecisionTreeRegressor, read row-major (stage, then k).
        List<?> members = ((HasArray) estimator.get("estimators_")).getArrayContent();
        double learningRate = ((Number) estimator.get("learning_rate")).doubleValue();
        List<Tree> trees = new ArrayList<>(members.size());
        for (Object member : members) {
            if (!(member instanceof HasTree)) {
                throw new ModelDeclinedException(name + " holds a " + member + " among its trees");
            }
            trees.add(((HasTree) member).getTree());
        }
        TreeStructure structure = TreeStructure.of(trees);
        double[] scaled = new double[structure.nodes()];
        for (int t = 0; t < trees.size(); t++) {
            double[] values = trees.get(t).getValues();
            int count = trees.get(t).getChildrenLeft().length;
            if (values.length != count) {
                throw new ModelDeclinedException(name + "'s tree " + t + " holds "
                        + values.length / count + " values per node, not one");
            }
            int offset = structure.roots()[t];
            for (int n = 0; n < count; n++) {
                scaled[offset + n] = learningRate * values[n];
            }
        }
        return new BoostedTrees(structure.roots(), init.length, init, structure.left(), structure.right(),
                structure.feature(), structure.threshold(), scaled);
    }
}
