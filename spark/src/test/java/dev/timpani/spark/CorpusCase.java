package dev.timpani.spark;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/** A case of the shared corpus ({@code ../shared/corpus}): a model folder, its input and its framework's predictions. */
record CorpusCase(Path folder, String targetType, List<String> labels, double tolerance, Map<String, Object> yaml) {

    static Path root() {
        Path root = Path.of(System.getProperty("timpani.corpus", "../../shared/corpus")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            if (requireAll()) {
                throw new IllegalStateException("The model corpus is missing at " + root);
            }
            Assumptions.abort("The model corpus is missing at " + root);
        }
        return root;
    }

    static boolean requireAll() {
        return "1".equals(System.getenv("TIMPANI_REQUIRE_ALL_TESTS"));
    }

    static CorpusCase get(String name) {
        return of(root().resolve(name));
    }

    static Stream<CorpusCase> cases(List<String> prefixes, List<String> except) {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.filter(Files::isDirectory)
                    .filter(f -> prefixes.stream().anyMatch(p -> f.getFileName().toString().startsWith(p)))
                    .filter(f -> !except.contains(f.getFileName().toString()))
                    .sorted().toList().stream().map(CorpusCase::of);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static CorpusCase of(Path folder) {
        try (Reader reader = Files.newBufferedReader(folder.resolve("case.yaml"))) {
            Map<String, Object> yaml = new Yaml().load(reader);
            String type = (String) yaml.get("target_type");
            List<String> labels = new ArrayList<>();
            if (yaml.containsKey("class_labels")) {
                ((List<Object>) yaml.get("class_labels")).forEach(l -> labels.add(String.valueOf(l)));
            } else if (yaml.containsKey("positive_class_label")) {
                labels.add(String.valueOf(yaml.get("negative_class_label")));
                labels.add(String.valueOf(yaml.get("positive_class_label")));
            }
            Object tolerance = yaml.get("tolerance");
            return new CorpusCase(folder, type, labels, tolerance == null ? 1e-6 : ((Number) tolerance).doubleValue(),
                    yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }

    String name() {
        return folder.getFileName().toString();
    }

    Path model() {
        return folder.resolve("model");
    }

    Path input() {
        return folder.resolve("input.csv");
    }

    /** The options {@code score} would be given: the target type and labels of case.yaml. */
    Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("target-type", targetType);
        if ("binary".equals(targetType)) {
            options.put("negative-class-label", labels.get(0));
            options.put("positive-class-label", labels.get(1));
        } else if (!labels.isEmpty()) {
            options.put("class-labels", String.join(",", labels));
        }
        return options;
    }

    /** A csv file's columns by header name, as text. */
    static Map<String, List<String>> readCsv(Path file) {
        Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            List<String> header = null;
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = record.getFields();
                    header.forEach(h -> columns.put(h, new ArrayList<>()));
                    continue;
                }
                for (int i = 0; i < header.size(); i++) {
                    columns.get(header.get(i)).add(record.getField(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return columns;
    }

    static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
