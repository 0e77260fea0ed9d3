package dev.timpani.loaders.scoringcode;

import com.datarobot.prediction.IClassificationPredictor;
import com.datarobot.prediction.IPredictorInfo;
import com.datarobot.prediction.IRegressionPredictor;
import com.datarobot.prediction.Predictors;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Loads DataRobot scoring-code jars (R-HOOK-1, {@code .jar}) the way DRUM's Java predictor does: the jar in its own
 * class loader, the model found by {@link Predictors#getPredictor(ClassLoader)} (a {@code ServiceLoader} over the
 * jar's {@code META-INF/services/com.datarobot.prediction.Predictor}, wrapped in the jar's own
 * {@code RegressionPredictorImpl} / {@code ClassificationPredictorImpl}).
 */
public final class ScoringCodeLoader implements ModelLoader {

    @Override
    public String framework() {
        return "scoringcode";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("jar");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) {
        checkReadableJar(artifact);
        URLClassLoader classLoader = classLoaderFor(artifact);
        try {
            IPredictorInfo first = findPredictor(artifact, classLoader);
            RowScorer scorer = RowScorer.of(first, context);
            PredictorPool pool = new PredictorPool(first, () -> Predictors.getPredictor(classLoader),
                    Runtime.getRuntime().availableProcessors());
            return new ScoringCodeModel(classLoader, pool, ModelFeatures.of(first.getFeatures()), scorer);
        } catch (RuntimeException | LinkageError failed) {
            closeQuietly(classLoader);
            throw failed;
        }
    }

    /** A URL class loader skips a jar it cannot open, which would hide the real problem behind "no model found". */
    private static void checkReadableJar(Path artifact) {
        try (JarFile jar = new JarFile(artifact.toFile())) {
            jar.getManifest();
        } catch (IOException | SecurityException unreadable) {
            throw notScoringCode(artifact, "cannot read it as a jar (" + unreadable.getMessage() + ")", unreadable);
        }
    }

    /** The parent sees the API this server was built with, so the jar's classes implement the same interfaces. */
    private static URLClassLoader classLoaderFor(Path artifact) {
        try {
            return new URLClassLoader("scoring-code:" + artifact.getFileName(),
                    new URL[] {artifact.toUri().toURL()}, IPredictorInfo.class.getClassLoader());
        } catch (IOException malformed) {
            throw notScoringCode(artifact, malformed.getMessage(), malformed);
        }
    }

    private static IPredictorInfo findPredictor(Path artifact, ClassLoader classLoader) {
        IPredictorInfo predictor;
        try {
            predictor = Predictors.getPredictor(classLoader);
        } catch (UnsupportedOperationException | IllegalArgumentException | ServiceConfigurationError
                 | LinkageError notLoadable) {
            throw notScoringCode(artifact, reason(notLoadable), notLoadable);
        }
        if (!(predictor instanceof IRegressionPredictor) && !(predictor instanceof IClassificationPredictor)) {
            throw new ModelLoadException(artifact.getFileName() + " holds a " + predictor.getClass().getSimpleName()
                    + " model; only regression and classification scoring code is supported");
        }
        return predictor;
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null) {
            message = message == null ? cause.getMessage() : message + ": " + cause.getMessage();
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static ModelLoadException notScoringCode(Path artifact, String why, Throwable cause) {
        return new ModelLoadException(artifact.getFileName() + " is not a DataRobot scoring-code jar: " + why, cause);
    }

    private static void closeQuietly(URLClassLoader classLoader) {
        try {
            classLoader.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
