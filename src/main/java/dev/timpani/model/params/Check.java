package dev.timpani.model.params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule a value must meet, with the failure DRUM's validation library (trafaret) would report for it, so that
 * a bad runtime parameter is refused with DRUM's own text (R-RTP-1). Only the rules DRUM's runtime-parameter
 * schema uses are here.
 */
@FunctionalInterface
interface Check {

    /** The failure, or empty when the value passes. */
    Optional<DataError> check(Object value);

    static Optional<DataError> fail(String message) {
        return Optional.of(new DataError.Message(message));
    }

    static Check none() {
        return value -> value == null ? Optional.empty() : fail("value should be None");
    }

    static Check anything() {
        return value -> Optional.empty();
    }

    /** A non-blank string. */
    static Check string() {
        return value -> {
            if (!(value instanceof String text)) {
                return fail("value is not a string");
            }
            return text.isEmpty() ? fail("blank value is not allowed") : Optional.empty();
        };
    }

    static Check bool() {
        return value -> value instanceof Boolean ? Optional.empty() : fail("value should be True or False");
    }

    /**
     * A number, or a string Python's {@code float()} reads, within the bounds (absent: none). The bounds are kept
     * as given, since the messages print them as Python would ({@code 5}, not {@code 5.0}).
     */
    static Check number(Object min, Object max) {
        return value -> {
            Double number = PythonFloats.toFloat(value);
            if (number == null) {
                return value instanceof String
                        ? fail("value can't be converted to float")
                        : fail("value is not float");
            }
            if (min != null && number < PythonFloats.toFloat(min)) {
                return fail("value is less than " + PythonRepr.str(min));
            }
            if (max != null && number > PythonFloats.toFloat(max)) {
                return fail("value is greater than " + PythonRepr.str(max));
            }
            return Optional.empty();
        };
    }

    static Check oneOf(List<String> variants) {
        return value -> variants.contains(value) ? Optional.empty() : fail("value doesn't match any variant");
    }

    /** Either rule; both failures, numbered 0 and 1, when neither passes (trafaret's {@code a | b}). */
    default Check or(Check other) {
        return value -> {
            Optional<DataError> first = check(value);
            if (first.isEmpty()) {
                return first;
            }
            Optional<DataError> second = other.check(value);
            if (second.isEmpty()) {
                return second;
            }
            Map<Object, DataError> both = new LinkedHashMap<>();
            both.put(0, first.get());
            both.put(1, second.get());
            return Optional.of(new DataError.Nested(both));
        };
    }

    /**
     * A mapping with these keys, checked in this order (a missing key "is required" unless it is optional). Other
     * keys: allowed with {@code Extra.ALLOW} or {@code Extra.IGNORE}, else "X is not allowed key".
     */
    static Check dict(List<Key> keys, Extra extra) {
        return value -> {
            if (!(value instanceof Map<?, ?> map)) {
                return fail("value is not a dict");
            }
            Map<Object, DataError> errors = new LinkedHashMap<>();
            List<Object> known = new ArrayList<>();
            for (Key key : keys) {
                known.add(key.name());
                if (map.containsKey(key.name())) {
                    key.check().check(map.get(key.name())).ifPresent(error -> errors.put(key.name(), error));
                } else if (key.optional()) {
                    key.check().check(key.defaultValue()).ifPresent(error -> errors.put(key.name(), error));
                } else {
                    errors.put(key.name(), new DataError.Message("is required"));
                }
            }
            if (extra == Extra.REFUSE) {
                for (Object name : map.keySet()) {
                    if (!known.contains(name)) {
                        errors.put(name, new DataError.Message(PythonRepr.str(name) + " is not allowed key"));
                    }
                }
            }
            return errors.isEmpty() ? Optional.empty() : Optional.of(new DataError.Nested(errors));
        };
    }

    /** A key of {@link #dict}; an optional key absent from the value is checked as its default. */
    record Key(String name, Check check, boolean optional, Object defaultValue) {

        static Key required(String name, Check check) {
            return new Key(name, check, false, null);
        }

        static Key optional(String name, Check check, Object defaultValue) {
            return new Key(name, check, true, defaultValue);
        }
    }

    enum Extra { REFUSE, ALLOW, IGNORE }
}
