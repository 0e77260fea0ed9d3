package dev.timpani.model;

import java.nio.file.Path;
import java.util.Set;

/**
 * The loader SPI: one implementation per framework, each contributed as a bean by its own auto-configuration
 * under {@code dev.timpani.loaders}. The registry finds the single artifact of the code dir (R-HOOK-2) and hands
 * it to the loaders that claim its extension, highest {@link #priority()} first.
 */
public interface ModelLoader {

    /** Short framework name used in messages and {@code /capabilities/}, e.g. {@code xgboost}. */
    String framework();

    /** Artifact file extensions this loader serves, lower case, without the dot. */
    Set<String> extensions();

    /**
     * Order among loaders that claim the same extension: higher is tried first, and only a loader that
     * {@linkplain ModelDeclinedException declines} hands the artifact on to the next. Two loaders of equal
     * priority may not share an extension.
     */
    default int priority() {
        return 0;
    }

    /**
     * Loads the artifact. Throw {@link ModelLoadException} with a message a user can act on; any other
     * exception's message is reported as the load error. Throw {@link ModelDeclinedException} when another
     * loader of the extension should serve this artifact instead (say, one this loader cannot score exactly).
     */
    ScoringModel load(Path artifact, LoadContext context) throws Exception;
}
