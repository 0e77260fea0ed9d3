package dev.timpani.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model that is ready to score, with what the routes report about it.
 *
 * @param servedBy which loader serves the model and how, with the reason any loader tried before it declined
 *                 (e.g. a pickle scored in the JVM, or handed to the Python workers and why)
 */
public record LoadedModel(ScoringModel model, String framework, Path artifact, TargetType targetType,
                          Optional<ClassLabels> classLabels, PredictionContract contract, String servedBy) {
}
