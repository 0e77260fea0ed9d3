package dev.timpani.api;

import dev.timpani.model.TargetType;

/**
 * R-ROUTE-7: a route the model's target type does not use; 422 pointing at the right one, in DRUM's words. DRUM
 * words each route's refusal differently (and prints the target type as its Python enum on two of them), and
 * clients and DRUM's tests compare the text, so each is kept as DRUM has it.
 */
class WrongRouteException extends RuntimeException {

    WrongRouteException(String message) {
        super(message);
    }

    /** {@code /predict/} on an unstructured or transform model. */
    static WrongRouteException onPredict(TargetType targetType) {
        String route = targetType == TargetType.TRANSFORM ? "/transform/"
                : "/predictUnstructured/ or /predictionsUnstructured/";
        return new WrongRouteException("This model has target type '" + targetType.drumName() + "', use the "
                + route + " endpoint.");
    }

    /** {@code /predictUnstructured/} on a model that is neither unstructured nor text generation. */
    static WrongRouteException onUnstructured(TargetType targetType) {
        return new WrongRouteException("This model has target type " + pythonEnum(targetType)
                + ", use either /predict/ or /predictions/ endpoint.");
    }

    /** {@code /transform/} on a model that is not a transform. */
    static WrongRouteException onTransform(TargetType targetType) {
        String route = targetType == TargetType.UNSTRUCTURED ? "predictUnstructured" : "predict";
        return new WrongRouteException("This model has target type " + pythonEnum(targetType) + ", use the /"
                + route + "/ endpoint.");
    }

    /** How Python prints DRUM's {@code TargetType} member: {@code TargetType.TEXT_GENERATION}. */
    static String pythonEnum(TargetType targetType) {
        String member = switch (targetType) {
            case TEXTGENERATION -> "TEXT_GENERATION";
            case GEOPOINT -> "GEO_POINT";
            case VECTORDATABASE -> "VECTOR_DATABASE";
            case AGENTICWORKFLOW -> "AGENTIC_WORKFLOW";
            default -> targetType.name();
        };
        return "TargetType." + member;
    }
}
