package dev.timpani.testing;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One corpus case: its model folder, input, expected predictions and tolerance. */
public record CorpusCase(String name, Path folder, String targetType, List<String> labels, double tolerance) {

    @SuppressWarnings("unchecked")
    static CorpusCase of(Path folder, Map<String, Object> yaml) {
        List<String> labels = new ArrayList<>();
        if (yaml.get("class_labels") instanceof List<?> classLabels) {
            classLabels.forEach(label -> labels.add(String.valueOf(label)));
        } else if (yaml.containsKey("positive_class_label")) {
            labels.add(String.valueOf(yaml.get("negative_class_label")));
            labels.add(String.valueOf(yaml.get("positive_class_label")));
        }
        return new CorpusCase(folder.getFileName().toString(), folder, (String) yaml.get("target_type"), labels,
                yaml.get("tolerance") instanceof Number tolerance ? tolerance.doubleValue() : 0.0);
    }

    public Path modelDir() {
        return folder.resolve("model");
    }

    public Path input() {
        return folder.resolve("input.csv");
    }

    /** The server properties DRUM's flags would set for this case. */
    public Map<String, String> serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("timpani.code-dir", modelDir().toString());
        properties.put("timpani.target-type", targetType);
        if (targetType.equals("binary")) {
            properties.put("timpani.labels.negative", labels.get(0));
            properties.put("timpani.labels.positive", labels.get(1));
        } else if (!labels.isEmpty()) {
            for (int i = 0; i < labels.size(); i++) {
                properties.put("timpani.labels.class-labels[" + i + "]", labels.get(i));
            }
        }
        return properties;
    }

    /** The same as DRUM's command-line flags: code dir, target type and labels. */
    public List<String> drumFlags() {
        List<String> flags = new ArrayList<>(List.of("--code-dir", modelDir().toString(), "--target-type", targetType));
        if (targetType.equals("binary")) {
            flags.addAll(List.of("--negative-class-label", labels.get(0), "--positive-class-label", labels.get(1)));
        } else if (!labels.isEmpty()) {
            flags.add("--class-labels");
            flags.addAll(labels);
        }
        return flags;
    }

    /** The single file in {@code model/}: the artifact a loader is handed. */
    public Path artifact() {
        try (Stream<Path> files = Files.list(modelDir())) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException(name + ": expected one artifact in model/, found " + all);
            }
            return all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** input.csv read by the server's own csv reader, as a request would be. */
    public Frame inputFrame() {
        return readFrame(input());
    }

    /** expected.csv: one numeric column per prediction column. */
    public Table expected() {
        return table(folder.resolve("expected.csv"));
    }

    /**
     * A csv of numbers written by the library's side ({@code repr}, shortest round trip), read back correctly
     * rounded: not as a request is read (pandas' parser, which is not), or a bit-exact comparison would compare
     * with a value the library never computed. Header cells may be quoted.
     */
    public static Table table(Path csv) {
        try {
            return table(Files.readAllLines(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #table(Path)}, from the csv's lines (say, what {@code score} wrote). */
    public static Table table(List<String> lines) {
        List<String> names = new java.util.ArrayList<>();
        for (String name : lines.get(0).split(",", -1)) {
            names.add(name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                    ? name.substring(1, name.length() - 1) : name);
        }
        List<String> rows = lines.subList(1, lines.size()).stream().filter(line -> !line.isEmpty()).toList();
        double[][] columns = new double[names.size()][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] cells = rows.get(row).split(",", -1);
            for (int c = 0; c < names.size(); c++) {
                columns[c][row] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
        }
        return new Table(names, columns);
    }

    /** Named numeric columns ({@code columns[c][row]}), e.g. the expected predictions. */
    public record Table(List<String> names, double[][] columns) {
        public int rowCount() {
            return columns.length == 0 ? 0 : columns[0].length;
        }
    }

    /** A csv read by the server's own csv reader, as a request body would be. */
    public static Frame readCsv(Path csv) {
        return readFrame(csv);
    }

    private static Frame readFrame(Path csv) {
        try (InputStream in = Files.newInputStream(csv)) {
            return new CsvFrameReader().read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
