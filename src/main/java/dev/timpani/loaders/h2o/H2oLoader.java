package dev.timpani.loaders.h2o;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import hex.genmodel.GenModel;
import hex.genmodel.MojoModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Loads H2O-3 models through h2o-genmodel: MOJOs ({@code .zip}, XGBoost MOJOs included via
 * h2o-genmodel-ext-xgboost) and POJOs ({@code .java}, compiled at load time). {@code .mojo} is a Driverless AI
 * pipeline, which needs H2O's separately licensed runtime.
 */
public final class H2oLoader implements ModelLoader {

    static final String MOJO_PREDICTOR = "H2OPredictor";
    static final String POJO_PREDICTOR = "H2OPojoPredictor";

    private final PojoCompiler pojoCompiler = new PojoCompiler();

    @Override
    public String framework() {
        return "h2o";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("zip", "java", "mojo");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) {
        String name = artifact.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "zip" -> H2oModel.of(readMojo(artifact), MOJO_PREDICTOR, name, context.targetType());
            case "java" -> H2oModel.of(pojoCompiler.compile(artifact), POJO_PREDICTOR, name, context.targetType());
            case "mojo" -> throw DriverlessAiPipeline.unsupported(name);
            default -> throw new ModelLoadException("The H2O loader does not read ." + extension + " files");
        };
    }

    private static GenModel readMojo(Path artifact) {
        try {
            return MojoModel.load(artifact.toString());
        } catch (IOException | RuntimeException unreadable) {
            throw new ModelLoadException("Could not load H2O MOJO " + artifact.getFileName() + ": "
                    + describe(unreadable), unreadable);
        }
    }

    /** h2o-genmodel often throws without a message (e.g. a zip without model.ini). */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
