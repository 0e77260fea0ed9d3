package dev.timpani.cli;

import dev.timpani.data.Column;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.Scorer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code validation} (R-CLI-3), DRUM's null-value imputation check: the input is scored as is, then once per
 * column with that column entirely missing; the table names every column whose absence makes the model fail,
 * and the exit code is 1 when any does.
 */
@Command(name = "validation", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Check that the model scores when each column in turn is missing (DRUM's `drum validation`).")
class ValidationCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--input", required = true, description = "Input csv")
    Path input;

    @Option(names = "--samples", defaultValue = "100", description = "Rows of the input used (default: ${DEFAULT-VALUE})")
    int samples;

    record Outcome(String column, String error) {
        boolean passed() {
            return error == null;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandFailedException("--input " + input + ": no such file");
        }
        Frame frame;
        try (InputStream in = Files.newInputStream(input);
                CsvFrameReader.Chunks chunks = new CsvFrameReader().chunks(in, samples)) {
            frame = chunks.next();
        }
        try (HeadlessModel loaded = HeadlessModel.load(model.properties())) {
            Scorer scorer = loaded.scorer();
            String baseline = failureOf(scorer, frame);
            if (baseline != null) {
                throw new CommandFailedException("The model fails on the input as given: " + baseline);
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int column = 0; column < frame.columnCount(); column++) {
                outcomes.add(new Outcome(frame.columnNames().get(column), failureOf(scorer, withMissing(frame, column))));
            }
            print(outcomes, System.out);
            return outcomes.stream().allMatch(Outcome::passed) ? 0 : 1;
        }
    }

    private static String failureOf(Scorer scorer, Frame frame) {
        try {
            scorer.score(frame);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** The frame with one column entirely missing, as pandas' {@code df[col] = np.nan} leaves it (float64). */
    static Frame withMissing(Frame frame, int index) {
        double[] missing = new double[frame.rowCount()];
        Arrays.fill(missing, Double.NaN);
        List<Column> columns = new ArrayList<>(frame.columns());
        columns.set(index, new NumericColumn(missing));
        return new Frame(frame.columnNames(), columns, frame.rowCount());
    }

    static void print(List<Outcome> outcomes, PrintStream out) {
        int width = Math.max("column".length(), outcomes.stream().mapToInt(o -> o.column().length()).max().orElse(0));
        out.println("Null value imputation check: each column set to missing in turn");
        out.printf("%-" + width + "s  %-6s  %s%n", "column", "result", "error");
        for (Outcome outcome : outcomes) {
            out.printf("%-" + width + "s  %-6s  %s%n", outcome.column(), outcome.passed() ? "passed" : "FAILED",
                    outcome.passed() ? "" : outcome.error());
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        out.println(failed == 0 ? "All " + outcomes.size() + " columns passed."
                : failed + " of " + outcomes.size() + " columns make the model fail.");
    }
}
