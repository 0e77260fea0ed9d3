package dev.timpani.loaders.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timpani.data.Ubjson;
import dev.timpani.model.ModelLoadException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The XGBoost version that wrote a model document, from its own {@code "version": [major, minor, patch]} (JSON
 * and UBJSON alike, since XGBoost 1.0), and its objective: what the version gate and the proof key on.
 *
 * @param version   {@code major.minor.patch}
 * @param objective the learner's objective name
 */
record XGBoostVersion(String version, String objective) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** JSON's {@code {} is followed by white space, a quote or {@code }}; UBJSON's by a type marker. */
    static boolean isJson(byte[] document) {
        if (document.length < 2 || document[0] != '{') {
            return false;
        }
        byte next = document[1];
        return next == '"' || next == '}' || Character.isWhitespace(next);
    }

    /** Reads a JSON or UBJSON model document; a document without its version is a load error, never a guess. */
    static XGBoostVersion of(byte[] document, String fileName) {
        try {
            if (isJson(document)) {
                JsonNode root = JSON.readTree(document);
                JsonNode version = root.path("version");
                String objective = root.path("learner").path("objective").path("name").asText(null);
                if (!version.isArray() || version.size() != 3 || objective == null) {
                    throw missing(fileName);
                }
                return new XGBoostVersion(version.get(0).asInt() + "." + version.get(1).asInt() + "."
                        + version.get(2).asInt(), objective);
            }
            if (Ubjson.parse(document) instanceof Map<?, ?> root && root.get("version") instanceof List<?> version
                    && version.size() == 3 && root.get("learner") instanceof Map<?, ?> learner
                    && learner.get("objective") instanceof Map<?, ?> objective && objective.get("name") != null) {
                return new XGBoostVersion(version.get(0) + "." + version.get(1) + "." + version.get(2),
                        String.valueOf(objective.get("name")));
            }
        } catch (IOException | RuntimeException unreadable) {
            String message = String.valueOf(unreadable.getMessage()).strip();
            int newline = message.indexOf('\n');
            throw new ModelLoadException("not an XGBoost model document ("
                    + (newline < 0 ? message : message.substring(0, newline)) + ")", unreadable);
        }
        throw missing(fileName);
    }

    private static ModelLoadException missing(String fileName) {
        return new ModelLoadException("XGBoost model " + fileName + " records no version and objective: the "
                + "XGBoost version that wrote it is unknown, so Timpani cannot tell how XGBoost scores it");
    }
}
