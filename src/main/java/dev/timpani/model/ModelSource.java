package dev.timpani.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder to serve and the target type to serve it as, once defaults apply, with the folder's
 * {@code model-metadata.yaml} when it has one.
 */
public record ModelSource(Path codeDir, TargetType targetType, boolean embeddedExample,
                          Optional<ModelMetadata> metadata) {
}
