package dev.timpani.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which model families an in-JVM engine scores exactly as the library itself, per library version: the table
 * the differential proof ({@code bench/exactness}) writes after scoring generated models against the library's
 * own predictions. Nothing here is written by hand; a family enters only with {@link #MIN_MODELS} or more
 * generated models and not one prediction outside its tolerance.
 *
 * @param entries one row per library, version and family
 */
public record ProvenExactness(List<Entry> entries) {

    /** Fewer generated models than this prove nothing about a family. */
    public static final int MIN_MODELS = 100;

    public ProvenExactness {
        entries = List.copyOf(entries);
    }

    /**
     * @param library    {@code sklearn}, {@code xgboost}, {@code lightgbm}
     * @param version    the library version that wrote (and scored) the models, as the model records it
     * @param family     the estimator's Python class, or the XGBoost objective
     * @param engine     what scored them in the JVM
     * @param models     generated models compared
     * @param rows       rows compared
     * @param maxAbsDiff largest |JVM - library| seen
     * @param tolerance  the family's bound (0: bit for bit)
     */
    public record Entry(String library, String version, String family, String engine, int models, long rows,
                        double maxAbsDiff, double tolerance) {
    }

    /** Reads a table written by the proof: tab-separated, {@code #} comments. */
    public static ProvenExactness read(InputStream table) {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(table, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                entries.add(new Entry(cells[0], cells[1], cells[2], cells[3], Integer.parseInt(cells[4]),
                        Long.parseLong(cells[5]), Double.parseDouble(cells[6]), Double.parseDouble(cells[7])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProvenExactness(entries);
    }

    /** The table shipped beside {@code owner} under {@code name}; none proves nothing. */
    public static ProvenExactness resource(Class<?> owner, String name) {
        InputStream table = owner.getResourceAsStream(name);
        if (table == null) {
            return new ProvenExactness(List.of());
        }
        return read(table);
    }

    public boolean proves(String library, String version, String family) {
        return entry(library, version, family).isPresent();
    }

    /**
     * Whether {@code engine} itself is proven on {@code family}: a loader with two engines (XGBoost's compiled trees
     * and XGBoost4J) scores each model with one of them, and a family proven through one says nothing of the
     * models only the other takes.
     */
    public boolean proves(String library, String version, String family, String engine) {
        return entries.stream().anyMatch(e -> e.library.equals(library) && e.version.equals(version)
                && e.family.equals(family) && e.engine.equals(engine) && e.models >= MIN_MODELS);
    }

    public Optional<Entry> entry(String library, String version, String family) {
        return entries.stream().filter(e -> e.library.equals(library) && e.version.equals(version)
                && e.family.equals(family) && e.models >= MIN_MODELS).findFirst();
    }

    /** The versions of {@code library} on which {@code family} is proven. */
    public SortedSet<String> versions(String library, String family) {
        SortedSet<String> versions = new TreeSet<>();
        entries.stream().filter(e -> e.library.equals(library) && e.family.equals(family) && e.models >= MIN_MODELS)
                .forEach(e -> versions.add(e.version));
        return versions;
    }

    /** Every family proven on some version of {@code library}. */
    public SortedSet<String> families(String library) {
        SortedSet<String> families = new TreeSet<>();
        entries.stream().filter(e -> e.library.equals(library) && e.models >= MIN_MODELS)
                .forEach(e -> families.add(e.family));
        return families;
    }

    /**
     * Why {@code family} written by {@code library} {@code version} may not be scored in the JVM, if it may not:
     * names the version found, the versions proven and the property that overrides the refusal.
     */
    /**
     * As {@link #refusal(String, String, String, boolean)}, for the engine that would score the model: the family
     * may be proven on this version through another engine only.
     */
    public Optional<String> refusal(String library, String version, String family, String engine,
                                    boolean trustUnprovenVersions) {
        Optional<String> versionRefusal = refusal(library, version, family, trustUnprovenVersions);
        if (versionRefusal.isPresent() || trustUnprovenVersions || proves(library, version, family, engine)) {
            return versionRefusal;
        }
        SortedSet<String> engines = new TreeSet<>();
        entries.stream().filter(e -> e.library.equals(library) && e.version.equals(version)
                && e.family.equals(family) && e.models >= MIN_MODELS).forEach(e -> engines.add(e.engine));
        return Optional.of(library + " " + version + " " + family + " is proven exact in the JVM through "
                + String.join(", ", engines) + " only, and this model needs " + engine + " (set "
                + "timpani.engine.trust-unproven-versions=true, or TIMPANI_ENGINE_TRUST_UNPROVEN_VERSIONS=true for "
                + "any command, to score it in the JVM anyway)");
    }

    public Optional<String> refusal(String library, String version, String family, boolean trustUnprovenVersions) {
        if (proves(library, version, family)) {
            return Optional.empty();
        }
        SortedSet<String> proven = versions(library, family);
        String shortName = family.substring(family.lastIndexOf('.') + 1);
        if (proven.isEmpty()) {
            return Optional.of(shortName + " is proven exact in the JVM on no " + library + " version");
        }
        if (trustUnprovenVersions) {
            return Optional.empty();
        }
        return Optional.of(library + " " + version + " wrote this " + shortName + "; it is proven exact in the JVM "
                + "only for " + library + " " + String.join(", ", proven) + " (set "
                + "timpani.engine.trust-unproven-versions=true, or TIMPANI_ENGINE_TRUST_UNPROVEN_VERSIONS=true for "
                + "any command, to score it in the JVM anyway)");
    }
}
