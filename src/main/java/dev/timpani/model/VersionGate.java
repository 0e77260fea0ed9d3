package dev.timpani.model;

import java.util.Optional;

/**
 * Whether a model written by a given library version may be scored in the JVM: only where the differential proof
 * covers that family on that version ({@link ProvenExactness}). The proof itself scores with a gate that opens
 * for everything.
 */
@FunctionalInterface
public interface VersionGate {

    /** Why the model may not be scored in the JVM, or empty when it may. */
    Optional<String> refusal(String library, String version, String family);

    /**
     * Why the model may not be scored by {@code engine} in particular, or empty when it may: for loaders with more
     * than one engine, each proven on its own models.
     */
    default Optional<String> refusal(String library, String version, String family, String engine) {
        return refusal(library, version, family);
    }

    static VersionGate of(ProvenExactness proven, boolean trustUnprovenVersions) {
        return new VersionGate() {
            @Override
            public Optional<String> refusal(String library, String version, String family) {
                return proven.refusal(library, version, family, trustUnprovenVersions);
            }

            @Override
            public Optional<String> refusal(String library, String version, String family, String engine) {
                return proven.refusal(library, version, family, engine, trustUnprovenVersions);
            }
        };
    }

    /** For the proof: every model is scored, and the comparison decides. */
    static VersionGate open() {
        return (library, version, family) -> Optional.empty();
    }
}
