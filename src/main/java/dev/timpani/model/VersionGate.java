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

    static VersionGate of(ProvenExactness proven, boolean trustUnprovenVersions) {
        return (library, version, family) -> proven.refusal(library, version, family, trustUnprovenVersions);
    }

    /** For the proof: every model is scored, and the comparison decides. */
    static VersionGate open() {
        return (library, version, family) -> Optional.empty();
    }
}
