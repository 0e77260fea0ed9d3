package dev.timpani.loaders.pickle;

import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One pickle of {@code src/test/resources/pickles}, made by {@code src/test/python/make_pickles.py} with the
 * library itself: its model folder, input and the library's own predictions, laid out as a corpus case.
 *
 * @param inJvm     whether the script expects the JVM to serve it (else the Python workers)
 * @param estimator the pickled object's Python class
 */
record PickleCase(CorpusCase corpusCase, boolean inJvm, String estimator, boolean byPosition) {

    static final Path ROOT = Path.of("src/test/resources/pickles");

    static Stream<PickleCase> all() {
        try (Stream<Path> folders = Files.list(ROOT)) {
            return folders.filter(Files::isDirectory).sorted().map(PickleCase::of).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<PickleCase> servedInJvm() {
        return all().filter(PickleCase::inJvm);
    }

    static PickleCase get(String name) {
        return of(ROOT.resolve(name));
    }

    @SuppressWarnings("unchecked")
    private static PickleCase of(Path folder) {
        Map<String, Object> meta;
        try (Reader reader = Files.newBufferedReader(folder.resolve("case.json"), StandardCharsets.UTF_8)) {
            meta = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String targetType = (String) meta.get("target_type");
        List<String> labels = new ArrayList<>((List<String>) meta.getOrDefault("class_labels", List.of()));
        CorpusCase corpusCase = new CorpusCase(folder.getFileName().toString(), folder, targetType, labels,
                PickleExactnessTest.PMML_TOLERANCE);
        return new PickleCase(corpusCase, provenInJvm(corpusCase, "jvm".equals(meta.get("expect"))),
                (String) meta.get("estimator"), Boolean.TRUE.equals(meta.get("by_position")));
    }

    /**
     * Whether the JVM serves it: for scikit-learn, exactly when the shipped proof covers every family in the pickle
     * on the version that wrote it (the script's own guess is not the judge); XGBoost's as the script expects.
     */
    private static boolean provenInJvm(CorpusCase corpusCase, boolean expected) {
        Unpickled pickle = Unpickled.read(corpusCase.artifact());
        if (XGBoostPickle.handles(pickle) || !expected) {
            return expected;
        }
        String version = SkLearnVersion.of(pickle).text();
        return AllowList.familiesAmong(PythonClasses.reachableFrom(pickle.root())).stream()
                .allMatch(family -> PickleLoader.PROVEN.proves("sklearn", version, family));
    }

    String name() {
        return corpusCase.name();
    }

    @Override
    public String toString() {
        return name();
    }
}
