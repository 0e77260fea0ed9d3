package dev.timpani.model.params;

import java.util.Arrays;
import java.util.List;

/** The runtime parameter types DRUM knows, with the payload each must carry (R-RTP-1). */
enum ParameterType {
    STRING("string"),
    BOOLEAN("boolean"),
    NUMERIC("numeric"),
    CREDENTIAL("credential"),
    DEPLOYMENT("deployment");

    /** Every type's name, in DRUM's order. */
    static final List<String> NAMES = Arrays.stream(values()).map(ParameterType::drumName).toList();

    private final String drumName;

    ParameterType(String drumName) {
        this.drumName = drumName;
    }

    String drumName() {
        return drumName;
    }

    static ParameterType of(String name) {
        return Arrays.stream(values()).filter(type -> type.drumName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown runtime parameter type " + name));
    }

    /**
     * {@code {"type": <this type>, "payload": ...}} with a payload of this type or None; a numeric payload within
     * the bounds when given. The keys are checked payload first, as DRUM does, so failures list in that order.
     */
    Check envelope(Object min, Object max) {
        Check payload = switch (this) {
            case STRING, DEPLOYMENT -> Check.string();
            case BOOLEAN -> Check.bool();
            case NUMERIC -> Check.number(min, max);
            case CREDENTIAL -> Check.dict(List.of(Check.Key.required("credentialType", Check.string())),
                    Check.Extra.ALLOW);
        };
        return Check.dict(List.of(Check.Key.required("payload", Check.none().or(payload)),
                Check.Key.required("type", Check.oneOf(List.of(drumName)))), Check.Extra.REFUSE);
    }

    /**
     * What an {@code MLOPS_RUNTIME_PARAM_*} variable must hold: an envelope of any type, tried in DRUM's order
     * (string, boolean, numeric, credential, deployment), each failure nested one level deeper as DRUM nests them.
     */
    static Check anyEnvelope() {
        Check any = STRING.envelope(null, null);
        for (ParameterType type : List.of(BOOLEAN, NUMERIC, CREDENTIAL, DEPLOYMENT)) {
            any = any.or(type.envelope(null, null));
        }
        return any;
    }
}
