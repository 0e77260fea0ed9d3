package dev.timpani.api;

/** R-ROUTE-7: a route the model's target type does not use; 422 pointing at the right one. */
class WrongRouteException extends RuntimeException {

    WrongRouteException(String message) {
        super(message);
    }

    /** DRUM's sentence pointing a target type at its own route. */
    static WrongRouteException forTargetType(dev.timpani.model.TargetType targetType, String route) {
        return new WrongRouteException("This model has target type " + targetType.drumName() + ", use the "
                + route + " endpoint.");
    }
}
