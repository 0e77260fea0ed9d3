package dev.timpani.model;

import java.nio.file.Path;

/** The folder to serve and the target type to serve it as, once defaults are applied. */
public record ModelSource(Path codeDir, TargetType targetType, boolean embeddedExample) {
}
