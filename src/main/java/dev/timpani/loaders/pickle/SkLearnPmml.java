package dev.timpani.loaders.pickle;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dmg.pmml.PMML;
import org.jpmml.model.JAXBSerializer;
import org.jpmml.sklearn.EncodableUtil;
import sklearn.Step;

/**
 * A scikit-learn estimator or pipeline converted by JPMML-SkLearn to PMML, once at load, and scored by the PMML
 * loader. The document lives in a temporary directory only while the PMML loader reads it; the code dir is
 * never written to.
 */
final class SkLearnPmml {

    private SkLearnPmml() {
    }

    static ScoringModel load(Unpickled pickle, SkLearnVersion version, EngineLoaders loaders, LoadContext context)
            throws Exception {
        ModelLoader pmmlLoader = loaders.forExtension("pmml").orElseThrow(() -> new ModelDeclinedException(
                "this build has no PMML loader to score the converted " + pickle.simpleName()));
        PMML pmml;
        ColumnBinding columns;
        try {
            Step step = (Step) pickle.root();
            columns = bindingOf(step, version, pickle.simpleName());
            pmml = EncodableUtil.toEncodable(step).encodePMML();
        } catch (RuntimeException unconvertible) {
            throw new ModelDeclinedException("JPMML-SkLearn could not convert " + pickle.simpleName() + " ("
                    + Messages.of(unconvertible) + ")", unconvertible);
        }
        Path directory = Files.createTempDirectory("timpani-pickle-");
        Path document = directory.resolve("model.pmml");
        try {
            try (OutputStream out = Files.newOutputStream(document)) {
                new JAXBSerializer().serialize(pmml, out);
            }
            ScoringModel engine = pmmlLoader.load(document, context);
            return new PickledModel(engine, columns, inputCheck(pickle, columns),
                    UnaryOperator.identity(), "SKLearnPredictor",
                    "scikit-learn " + pickle.simpleName() + " in the JVM, converted to PMML by JPMML-SkLearn and "
                            + "scored by JPMML-Evaluator (allow-listed as exact)");
        } finally {
            Files.deleteIfExists(document);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * What scikit-learn refuses that the PMML engine would score. Gradient boosting casts its input to float32
     * ({@code sklearn/ensemble/_gb.py}, DTYPE), the others keep float64; histogram gradient boosting takes NaN and
     * infinities ({@code force_all_finite=False}); a pipeline's first step decides for it, so pipelines are left to
     * the converter's own handling (and to the proof).
     */
    private static UnaryOperator<dev.timpani.data.Frame> inputCheck(Unpickled pickle, ColumnBinding columns) {
        String estimator = pickle.className();
        if (estimator.startsWith("sklearn.ensemble._hist_gradient_boosting.")
                || estimator.equals("sklearn.pipeline.Pipeline")) {
            return UnaryOperator.identity();
        }
        return new FiniteInputs(columns.featureNames(), estimator.startsWith("sklearn.ensemble._gb."), false);
    }

    /** scikit-learn's binding; the PMML names an array-fitted estimator's fields as JPMML generates them. */
    private static ColumnBinding bindingOf(Step step, SkLearnVersion version, String estimator) {
        return ColumnBinding.scikitLearn(step.getFeatureNamesIn(), () -> EncodableUtil.getOrGenerateFeatureNames(step),
                version, estimator);
    }
}
