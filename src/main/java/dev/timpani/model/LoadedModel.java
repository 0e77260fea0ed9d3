package dev.timpani.model;

import java.nio.file.Path;
import java.util.Optional;

/** A model that is ready to score, with what the routes report about it. */
public record LoadedModel(ScoringModel model, String framework, Path artifact, TargetType targetType,
                          Optional<ClassLabels> classLabels, PredictionContract contract) {
}
