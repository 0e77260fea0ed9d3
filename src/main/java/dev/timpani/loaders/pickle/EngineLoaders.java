package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelLoader;
import java.util.Optional;

/**
 * The other loaders of this build, found by the artifact extension they serve: a pickle's estimator is
 * converted into such an artifact (PMML, an XGBoost model) and handed to that loader through the SPI, so this
 * package needs no other loader's code and serves nothing the build could not serve anyway.
 */
@FunctionalInterface
interface EngineLoaders {

    Optional<ModelLoader> forExtension(String extension);
}
