package dev.timpani.loaders.pmml;

import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.nio.file.Path;
import jakarta.xml.bind.ValidationEvent;
import java.util.Set;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;

/** Loads {@code .pmml} documents with JPMML-Evaluator. */
public final class PmmlLoader implements ModelLoader {

    @Override
    public String framework() {
        return "pmml";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("pmml");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) {
        Evaluator evaluator;
        try {
            evaluator = new LoadingModelEvaluatorBuilder()
                    // JAXB's default handler prints every XML error to stderr; the exception carries it already.
                    .setValidationEventHandler(event -> event.getSeverity() == ValidationEvent.WARNING)
                    .load(artifact.toFile())
                    .build();
        } catch (Exception unreadable) {
            throw new ModelLoadException("Could not load PMML model " + artifact.getFileName() + ": "
                    + firstLine(unreadable), unreadable);
        }
        return PmmlModel.of(evaluator);
    }

    /** XML parser messages can run over several lines; the first names the problem. */
    private static String firstLine(Exception exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = exception.getCause();
            message = cause != null && cause.getMessage() != null ? cause.getMessage() : exception.toString();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
