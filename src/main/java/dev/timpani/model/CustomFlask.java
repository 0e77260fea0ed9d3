package dev.timpani.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * R-CFG-12: a {@code custom_flask.py} extends DRUM's Flask app, most often with authentication. A JVM server
 * cannot run it, and serving the folder as if it were not there would serve the model without the protection
 * its author added, so the folder fails to load unless the operator says to serve it without that file.
 */
final class CustomFlask {

    static final String FILE_NAME = "custom_flask.py";

    private CustomFlask() {
    }

    /** Throws when the code dir has a {@code custom_flask.py}. */
    static void refuse(Path codeDir) {
        if (Files.exists(codeDir.resolve(FILE_NAME))) {
            throw new ModelLoadException("The code dir " + codeDir + " has " + FILE_NAME + ", which extends DRUM's "
                    + "Flask app (usually to add authentication). Timpani cannot run it, and serving the model "
                    + "without it could leave the model unprotected. Require an API key with "
                    + "timpani.security.api-key (environment variable TIMPANI_SECURITY_API_KEY) instead, and set "
                    + "timpani.security.ignore-custom-flask=true (TIMPANI_SECURITY_IGNORE_CUSTOM_FLASK=true) to serve "
                    + "this folder without " + FILE_NAME + ".");
        }
    }
}
