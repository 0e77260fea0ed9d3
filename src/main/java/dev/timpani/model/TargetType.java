package dev.timpani.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** DRUM's target types (R-CFG-2), spelled as on DRUM's command line. */
public enum TargetType {
    BINARY, REGRESSION, MULTICLASS, ANOMALY, TRANSFORM, UNSTRUCTURED,
    TEXTGENERATION, GEOPOINT, VECTORDATABASE, AGENTICWORKFLOW, MULTILABEL;

    public String drumName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isClassification() {
        return this == BINARY || this == MULTICLASS || this == MULTILABEL;
    }

    /** R-OUT-1: one float column per row. */
    public boolean isNumericSingleColumn() {
        return this == REGRESSION || this == ANOMALY;
    }

    /** R-OUT-5: the model's single column as-is, strings included, never cast to float. */
    public boolean answersText() {
        return this == TEXTGENERATION || this == GEOPOINT || this == VECTORDATABASE || this == AGENTICWORKFLOW;
    }

    public static TargetType parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT);
        for (TargetType type : values()) {
            if (type.name().equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown target type '" + text + "'; use one of "
                + Arrays.stream(values()).map(TargetType::drumName).collect(Collectors.joining(", ")));
    }
}
