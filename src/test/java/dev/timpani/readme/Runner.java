package dev.timpani.readme;

import java.util.Arrays;
import java.util.Optional;

/**
 * What runs a fenced block of README.md, named by the comment right before the block:
 * {@code <!-- readme-block: NAME -->}, or {@code <!-- readme-block: not-run: REASON -->}.
 */
enum Runner {

    /**
     * {@link ReadmeIT}: runs the block with bash in a fresh copy of the repository; its last command serves the
     * XGBoost example (on a random port, through {@code ADDRESS} or its rewritten {@code --address}), and every
     * {@link #EXAMPLE_CURL} block must then answer the example's predictions.
     */
    SERVES_EXAMPLE("serves-example"),
    /** {@link ReadmeIT}: run against every {@link #SERVES_EXAMPLE} server; prints the example's predictions. */
    EXAMPLE_CURL("example-curl"),
    /** {@link ReadmeIT}: run against the jar started with {@code --timpani.security.api-key=$TIMPANI_API_KEY}. */
    API_KEY_CURL("api-key-curl"),
    /**
     * {@link ReadmeIT}: run against the jar serving the embedded example (V2 name {@code xgboost-regression}); prints a
     * V2 {@code infer} answer whose {@code predictions} are the example's first predictions.
     */
    V2_CURL("v2-curl"),
    /** {@link ReadmeIT}: runs the block with bash in the copy; it exits 0 and writes every {@code --output}. */
    EXITS("exits"),
    /** {@link ReadmeBlocksTest}: a values file that {@code helm template} renders into what it sets. */
    HELM_VALUES("helm-values"),
    /** {@link ReadmeBlocksTest}: {@code .ci/run} runs each of the block's commands. */
    CI("ci"),
    /** Not run here, for the reason the marker gives (Docker, a cluster, the user's own files). */
    NOT_RUN("not-run");

    private final String marker;

    Runner(String marker) {
        this.marker = marker;
    }

    String marker() {
        return marker;
    }

    static Optional<Runner> named(String marker) {
        return Arrays.stream(values()).filter(runner -> runner.marker.equals(marker)).findFirst();
    }
}
