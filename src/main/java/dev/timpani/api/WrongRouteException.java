package dev.timpani.api;

/** R-ROUTE-7: a route the model's target type does not use; 422 pointing at the right one. */
class WrongRouteException extends RuntimeException {

    WrongRouteException(String message) {
        super(message);
    }
}
