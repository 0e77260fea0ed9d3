package dev.timpani.loaders;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One case folder of the shared corpus: the artifact, the request read the way pandas reads it, the expected
 * predictions and what case.yaml says about them.
 */
public record CorpusCase(String name, Path dir, String targetType, List<String> classLabels, double tolerance) {

    /**
     * The missing-value strings of {@code pandas.read_csv} 1.5.3, the version that read input.csv before the
     * expected values were computed. Newer pandas releases add "None"; it is deliberately absent: the 10k_diabetes columns
     * max_glu_serum and A1Cresult use "None" as a category the models were trained on (treating it as missing
     * moves pmml_sklearn_pipeline_mixed_types' first row from 0.694 to 0.707).
     */
    public static final Set<String> PANDAS_NA = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    public static Path corpus() {
        String configured = System.getProperty("timpani.corpus");
        Path corpus = configured == null ? null : Path.of(configured);
        Assumptions.assumeTrue(corpus != null && Files.isDirectory(corpus),
                "corpus not found (system property timpani.corpus = " + configured + ")");
        return corpus;
    }

    /** Every case whose folder name starts with {@code prefix}, in name order; skipped when there is no corpus. */
    public static Stream<CorpusCase> withPrefix(String prefix) throws IOException {
        try (Stream<Path> folders = Files.list(corpus())) {
            List<Path> matching = folders.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .filter(Files::isDirectory).sorted().toList();
            return matching.stream().map(CorpusCase::read);
        }
    }

    @SuppressWarnings("unchecked")
    static CorpusCase read(Path dir) {
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(dir.resolve("case.yaml"))) {
            yaml = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> labels = new ArrayList<>();
        if (yaml.get("class_labels") instanceof List<?> listed) {
            listed.forEach(label -> labels.add(String.valueOf(label)));
        } else if (yaml.containsKey("positive_class_label")) {
            labels.add(String.valueOf(yaml.get("negative_class_label")));
            labels.add(String.valueOf(yaml.get("positive_class_label")));
        }
        double tolerance = ((Number) yaml.get("tolerance")).doubleValue();
        return new CorpusCase(dir.getFileName().toString(), dir, (String) yaml.get("target_type"), labels, tolerance);
    }

    /** The single file in {@code model/}. */
    public Path artifact() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("model"))) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException(name + ": expected one artifact in model/, found " + all);
            }
            return all.get(0);
        }
    }

    public Frame input() {
        return readFrame(dir.resolve("input.csv"));
    }

    public Table expected() {
        Frame frame = readFrame(dir.resolve("expected.csv"));
        double[][] columns = new double[frame.columnCount()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ((NumericColumn) frame.column(c)).values();
        }
        return new Table(frame.columnNames(), columns);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Named numeric columns, e.g. the expected predictions. */
    public record Table(List<String> names, double[][] columns) {
    }

    /**
     * Reads a CSV like {@code pandas.read_csv} with defaults: a column is float64 when every present value is a
     * number, else text; the NA strings are missing (NaN resp. null).
     */
    public static Frame readFrame(Path csv) {
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            var records = reader.iterator();
            header = records.next().getFields();
            while (records.hasNext()) {
                rows.add(records.next().getFields());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String[] texts = new String[rows.size()];
            for (int r = 0; r < texts.length; r++) {
                String value = c < rows.get(r).size() ? rows.get(r).get(c) : "";
                texts[r] = PANDAS_NA.contains(value) ? null : value;
            }
            columns.add(asColumn(texts));
        }
        return new Frame(header, columns, rows.size());
    }

    private static Column asColumn(String[] texts) {
        double[] numbers = new double[texts.length];
        for (int r = 0; r < texts.length; r++) {
            if (texts[r] == null) {
                numbers[r] = Double.NaN;
            } else if (NumberText.isNumber(texts[r])) {
                numbers[r] = NumberText.parseOrNaN(texts[r]);
            } else {
                return new TextColumn(texts);
            }
        }
        return new NumericColumn(numbers);
    }

    /** Labels compare as numbers when they are numbers ("0" = "0.0"), else case-insensitively ("False" = "false"). */
    public static String standardLabel(String label) {
        String stripped = label.strip();
        if (NumberText.isNumber(stripped)) {
            return Double.toString(NumberText.parseOrNaN(stripped));
        }
        return stripped.toLowerCase(Locale.ROOT);
    }
}
