package dev.timpani.model;

import java.nio.file.Path;
import java.util.Optional;

/** What a loader may need to know besides the artifact. */
public record LoadContext(Path codeDir, TargetType targetType, Optional<ClassLabels> classLabels, int engineThreads) {
}
