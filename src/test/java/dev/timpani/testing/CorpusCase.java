package dev.timpani.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                ((Number) yaml.get("tolerance")).doubleValue());
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

    /** expected.csv as header + rows of numbers (its files hold only numbers). */
    public Expected expected() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("expected.csv"), StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(",", -1));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
            return new Expected(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Expected(List<String> header, List<double[]> rows) {
    }

    @Override
    public String toString() {
        return name;
    }
}
