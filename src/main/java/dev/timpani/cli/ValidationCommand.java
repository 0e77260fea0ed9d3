package dev.timpani.cli;

import dev.timpani.data.Column;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.PandasNaValues;
import dev.timpani.data.Frame;
import dev.timpani.data.MatrixMarketReader;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code validation} (R-CLI-3, R-VAL-1), DRUM's two checks with DRUM's result table: "Basic batch prediction"
 * scores the input as {@code score} does; "Null value imputation" scores it once per column with that column
 * entirely missing and names every column whose absence makes the model fail. The exit code is 1 when a check
 * fails (DRUM always exits 0; a script can act on this one).
 */
@Command(name = "validation", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Check that the model scores its input, also when each column in turn is missing "
                + "(DRUM's `drum validation`).")
class ValidationCommand implements Callable<Integer> {

    static final String BASIC_BATCH = "Basic batch prediction";
    static final String NULL_IMPUTATION = "Null value imputation";

    /** DRUM's table fits a terminal; without one, 80 columns. */
    private static final int TABLE_WIDTH = 80;

    /** What is left of the width for the details beside the test case and status columns. */
    private static final int DETAILS_WIDTH = TABLE_WIDTH - BASIC_BATCH.length() - "PASSED".length() - 6;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--input", required = true, description = "Input csv (or mtx with --sparse-column-file)")
    Path input;

    @Option(names = "--sparse-column-file", description = "Column names of an mtx input, one per line")
    Path sparseColumnFile;

    @Option(names = "--content-type", description = "Unstructured models: the input's Content-Type")
    String contentType;

    @Option(names = "--query", description = "Unstructured models: query parameters passed to the hook")
    String query;

    @Option(names = "--samples", defaultValue = "100",
            description = "Rows of the input used by the null value check (default: ${DEFAULT-VALUE})")
    int samples;

    /** One row of DRUM's table. */
    record Check(String name, boolean passed, String details) {
    }

    /** A column whose absence makes the model fail, with the model's error. */
    record FailedColumn(String column, String error) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandFailedException("--input " + input + ": no such file");
        }
        Map<String, Object> properties = new LinkedHashMap<>(model.properties());
        properties.putAll(common.properties());
        properties.putAll(runtime.properties());
        BatchScorer batch = new BatchScorer(input, sparseColumnFile, contentType, query, 10_000);
        List<Check> checks = new ArrayList<>();
        try (HeadlessModel loaded = HeadlessModel.load(properties)) {
            LoadedModel served = loaded.registry().require();
            checks.add(basicBatchPrediction(batch, served, loaded.scorer()));
            checks.add(nullValueImputation(batch, served, loaded.scorer()));
        }
        print(checks, System.out);
        return checks.stream().allMatch(Check::passed) ? 0 : 1;
    }

    private Check basicBatchPrediction(BatchScorer batch, LoadedModel served, Scorer scorer) {
        try {
            batch.score(served, scorer, OutputStream.nullOutputStream(), Progress.silent());
            return new Check(BASIC_BATCH, true, "");
        } catch (Exception e) {
            return new Check(BASIC_BATCH, false, "Test failed on provided dataset: " + input + "\n" + messageOf(e));
        }
    }

    private Check nullValueImputation(BatchScorer batch, LoadedModel served, Scorer scorer) throws Exception {
        if (served.targetType() == TargetType.UNSTRUCTURED || served.targetType() == TargetType.TRANSFORM) {
            return new Check(NULL_IMPUTATION, true, "Not applicable to " + served.targetType().drumName() + " models");
        }
        Frame frame = readFrame(batch, served.model().csvNaValues());
        List<FailedColumn> failed = new ArrayList<>();
        for (int column = 0; column < frame.columnCount(); column++) {
            String error = failureOf(scorer, withMissing(frame, column));
            if (error != null) {
                failed.add(new FailedColumn(frame.columnNames().get(column), error));
            }
        }
        return failed.isEmpty() ? new Check(NULL_IMPUTATION, true, "") : new Check(NULL_IMPUTATION, false,
                "Null value imputation check performs check by imputing each feature with NaN value.\n\n"
                        + table(List.of("Failed feature", "Message"),
                                failed.stream().map(f -> List.of(f.column(), f.error())).toList(), DETAILS_WIDTH));
    }

    /** The sample as the server reads it: a csv with the missing values of the model's pandas (R-IN-5). */
    private Frame readFrame(BatchScorer batch, PandasNaValues naValues) throws Exception {
        try (InputStream in = Files.newInputStream(input)) {
            if (batch.isMatrixMarket()) {
                return new MatrixMarketReader().read(in, batch.sparseColumnNames());
            }
            try (CsvFrameReader.Chunks chunks = new CsvFrameReader(naValues).chunks(in, samples)) {
                return chunks.next();
            }
        }
    }

    private static String failureOf(Scorer scorer, Frame frame) {
        try {
            scorer.score(frame);
            return null;
        } catch (RuntimeException e) {
            return messageOf(e);
        }
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The frame with one column entirely missing, as pandas' {@code df[col] = None} leaves it. */
    static Frame withMissing(Frame frame, int index) {
        double[] missing = new double[frame.rowCount()];
        Arrays.fill(missing, Double.NaN);
        List<Column> columns = new ArrayList<>(frame.columns());
        columns.set(index, new NumericColumn(missing));
        return new Frame(frame.columnNames(), columns, frame.rowCount());
    }

    static void print(List<Check> checks, PrintStream out) {
        out.println();
        out.println();
        out.println("Validation checks results");
        out.println(table(List.of("Test case", "Status", "Details"), checks.stream()
                .map(check -> List.of(check.name(), check.passed() ? "PASSED" : "FAILED", check.details())).toList(),
                TABLE_WIDTH));
    }

    /**
     * A table laid out as DRUM's (texttable with a header rule): columns three spaces apart, header cells
     * centred over a line of {@code =}, cells left-aligned and padded, multi-line cells kept on their own lines,
     * and the last column's text wrapped at spaces to keep the table within {@code maxWidth}.
     */
    static String table(List<String> header, List<List<String>> cells, int maxWidth) {
        int[] widths = new int[header.size()];
        int last = widths.length - 1;
        int others = 3 * last;
        for (List<String> row : cells) {
            for (int c = 0; c < last; c++) {
                widths[c] = Math.max(widths[c], Math.max(header.get(c).length(), row.get(c).length()));
            }
        }
        others += Arrays.stream(widths).sum();
        int lastWidth = Math.max(header.get(last).length(), Math.max(20, maxWidth - others));
        List<List<String>> rows = cells.stream().map(row -> {
            List<String> wrapped = new ArrayList<>(row);
            wrapped.set(last, wrap(row.get(last), lastWidth));
            return (List<String>) wrapped;
        }).toList();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < widths.length; c++) {
                for (String line : row.get(c).split("\n", -1)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        appendRow(text, header, widths, true);
        text.append("=".repeat(Arrays.stream(widths).sum() + 3 * (widths.length - 1)));
        for (List<String> row : rows) {
            text.append('\n');
            appendRow(text, row, widths, false);
        }
        return text.toString();
    }

    /** Each line of {@code text} broken at spaces (or mid-word when a word is longer) into lines of {@code width}. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            String rest = line;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = width;
                }
                out.append(rest, 0, cut).append('\n');
                rest = rest.substring(cut).stripLeading();
            }
            out.append(rest);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder text, List<String> row, int[] widths, boolean centred) {
        List<String[]> cells = row.stream().map(cell -> cell.split("\n", -1)).toList();
        int height = cells.stream().mapToInt(lines -> lines.length).max().orElse(1);
        for (int line = 0; line < height; line++) {
            for (int c = 0; c < widths.length; c++) {
                String[] lines = cells.get(c);
                String cell = line < lines.length ? lines[line] : "";
                int fill = widths[c] - cell.length();
                int left = centred ? fill / 2 : 0;
                text.append(" ".repeat(left)).append(cell).append(" ".repeat(fill - left));
                if (c < widths.length - 1) {
                    text.append("   ");
                }
            }
            text.append('\n');
        }
        if (text.charAt(text.length() - 1) == '\n' && !centred) {
            text.setLength(text.length() - 1);
        }
    }
}
