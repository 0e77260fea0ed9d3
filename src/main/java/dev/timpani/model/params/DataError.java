package dev.timpani.model.params;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A validation failure as DRUM's validation library (trafaret) reports it: a message, or a map of nested failures
 * by key or by alternative. DRUM prints {@code str()} of it, in which every nested failure appears as
 * {@code DataError('<its str() quoted>')}, so each level of nesting quotes the level below once more. Users and
 * DRUM's tests match on that text (R-RTP-1), hence this exact rendering.
 */
sealed interface DataError {

    /** Python's {@code str()} of the failure. */
    String text();

    /** Python's {@code repr()}: {@code DataError('...')}. */
    default String repr() {
        return "DataError(" + PythonRepr.string(text()) + ")";
    }

    record Message(String message) implements DataError {
        @Override
        public String text() {
            return message;
        }
    }

    /** Keyed failures: dict keys (strings) or the positions of the alternatives of an "or" (integers). */
    record Nested(Map<Object, DataError> errors) implements DataError {
        @Override
        public String text() {
            return errors.entrySet().stream().map(e -> PythonRepr.of(e.getKey()) + ": " + e.getValue().repr())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
