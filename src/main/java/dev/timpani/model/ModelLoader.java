package dev.timpani.model;

import java.nio.file.Path;
import java.util.Set;

/**
 * The loader SPI: one implementation per framework, each contributed as a bean by its own auto-configuration
 * under {@code dev.timpani.loaders}. The registry finds the single artifact of the code dir (R-HOOK-2) and hands
 * it to the loader that claims its extension.
 */
public interface ModelLoader {

    /** Short framework name used in messages and {@code /capabilities/}, e.g. {@code xgboost}. */
    String framework();

    /** Artifact file extensions this loader serves, lower case, without the dot. */
    Set<String> extensions();

    /**
     * Loads the artifact. Throw {@link ModelLoadException} with a message a user can act on; any other
     * exception's message is reported as the load error.
     */
    ScoringModel load(Path artifact, LoadContext context) throws Exception;
}
