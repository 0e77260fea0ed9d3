package dev.timpani.model.params;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code runtimeParameterDefinitions} in {@code model-metadata.yaml}: the name, the type, the value
 * used when the values file has none, and a numeric parameter's bounds (absent: unbounded).
 */
record ParameterDefinition(String name, ParameterType type, Object defaultValue, Object minValue, Object maxValue) {

    /** DRUM's rules for a definition; other keys (description, credentialType, ...) are ignored. */
    private static final Check RULES = Check.dict(List.of(
            Check.Key.required("fieldName", Check.string()),
            Check.Key.required("type", Check.oneOf(ParameterType.NAMES)),
            Check.Key.optional("allowEmpty", Check.bool(), Boolean.TRUE),
            Check.Key.optional("defaultValue", Check.anything(), null),
            Check.Key.optional("minValue", Check.number(null, null).or(Check.none()), null),
            Check.Key.optional("maxValue", Check.number(null, null).or(Check.none()), null)), Check.Extra.IGNORE);

    /** The definition, or the failure DRUM reports for it. */
    static Definition parse(Object entry) {
        Optional<DataError> failure = RULES.check(entry);
        if (failure.isPresent()) {
            return new Definition(null, failure.get());
        }
        Map<?, ?> map = (Map<?, ?>) entry;
        return new Definition(new ParameterDefinition((String) map.get("fieldName"),
                ParameterType.of((String) map.get("type")), map.get("defaultValue"), map.get("minValue"),
                map.get("maxValue")), null);
    }

    /** Either a definition or why there is none. */
    record Definition(ParameterDefinition definition, DataError failure) {
    }

    /** The rules this parameter's value must meet, as the {@code {"type": ..., "payload": ...}} DRUM checks. */
    Check rules() {
        return type.envelope(minValue, maxValue);
    }
}
