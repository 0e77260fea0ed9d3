package dev.timpani.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a MatrixMarket coordinate body ({@code text/mtx}, R-IN-8) into a dense frame of numbers: DRUM hands
 * models {@code pd.DataFrame.sparse.from_spmatrix(mmread(...))}, whose absent entries read as 0.0.
 */
public final class MatrixMarketReader {

    /** 50 million cells is a 400 MB frame; a size line can ask for far more than its body holds. */
    public static final long DEFAULT_MAX_DENSE_CELLS = 50_000_000L;

    private static final String BANNER = "%%MatrixMarket";

    /** What one column costs beyond its values (array header, column object, name), counted in 8-byte cells. */
    private static final long COLUMN_OVERHEAD_CELLS = 8;

    private final long maxDenseCells;

    public MatrixMarketReader() {
        this(DEFAULT_MAX_DENSE_CELLS);
    }

    public MatrixMarketReader(long maxDenseCells) {
        this.maxDenseCells = maxDenseCells;
    }

    /**
     * The names of the {@code X.colnames} part, one per line, stripped of surrounding whitespace as DRUM strips
     * them; trailing blank lines are ignored.
     */
    public static List<String> readColumnNames(InputStream body) {
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = utf8Lines(body)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                names.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        return List.copyOf(names);
    }

    /**
     * @param columnNames one name per matrix column, or empty for columns named {@code "0"}, {@code "1"}, ...
     */
    public Frame read(InputStream body, List<String> columnNames) {
        try (BufferedReader lines = utf8Lines(body)) {
            return read(new NumberedLines(lines), columnNames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Frame read(NumberedLines lines, List<String> columnNames) throws IOException {
        boolean pattern = readBanner(lines);
        String[] size = lines.nextContentLine();
        if (size == null) {
            throw new BadInputException("MatrixMarket body ends before its size line (rows columns entries)");
        }
        if (size.length != 3) {
            throw lines.error("the size line must hold rows, columns and entries, found " + size.length + " values");
        }
        int rows = lines.count(size[0], "row count");
        int cols = lines.count(size[1], "column count");
        long entries = lines.count(size[2], "entry count");
        // Each column is an array, a column object and a name of its own: a matrix of no rows and two billion
        // columns costs gigabytes too (regression input: MatrixMarketReaderFuzzTestInputs/readsOrRejects).
        if ((long) cols * (rows + COLUMN_OVERHEAD_CELLS) > maxDenseCells) {
            throw lines.error("a " + rows + " x " + cols + " matrix is larger than the " + maxDenseCells
                    + " cells this server reads");
        }
        List<String> names = columnNames(columnNames, cols);

        double[][] columns = new double[cols][rows];
        int valueTokens = pattern ? 2 : 3;
        long read = 0;
        for (String[] entry = lines.nextContentLine(); entry != null; entry = lines.nextContentLine()) {
            if (read == entries) {
                throw lines.error("more entries than the " + entries + " the size line declares");
            }
            if (entry.length != valueTokens) {
                throw lines.error("an entry must hold " + (pattern ? "row and column" : "row, column and value")
                        + ", found " + entry.length + " values");
            }
            int row = lines.index(entry[0], rows, "row");
            int col = lines.index(entry[1], cols, "column");
            // Repeated coordinates add up, as scipy's conversion to a dense frame adds them.
            columns[col][row] += pattern ? 1.0 : lines.value(entry[2]);
            read++;
        }
        if (read < entries) {
            throw new BadInputException("MatrixMarket body holds " + read + " entries, its size line declares "
                    + entries);
        }
        List<Column> frameColumns = new ArrayList<>(cols);
        for (double[] column : columns) {
            frameColumns.add(new NumericColumn(column));
        }
        return new Frame(names, frameColumns, rows);
    }

    /** Checks the banner line; returns whether entries are a pattern (no values). */
    private static boolean readBanner(NumberedLines lines) throws IOException {
        String banner = lines.nextLine();
        if (banner == null || !banner.startsWith(BANNER)) {
            throw lines.error("a MatrixMarket body must start with \"" + BANNER
                    + " matrix coordinate real|integer|pattern general\"");
        }
        String[] words = NumberedLines.tokens(banner.toLowerCase(Locale.ROOT));
        if (words.length != 5 || !words[1].equals("matrix")) {
            throw lines.error("expected \"" + BANNER + " matrix coordinate <field> general\", found \""
                    + banner.strip() + "\"");
        }
        if (!words[2].equals("coordinate")) {
            throw lines.error("only the coordinate format is read, not \"" + words[2] + "\"");
        }
        if (!words[4].equals("general")) {
            throw lines.error("only general matrices are read, not \"" + words[4] + "\"");
        }
        return switch (words[3]) {
            case "real", "integer" -> false;
            case "pattern" -> true;
            default -> throw lines.error("the field must be real, integer or pattern, not \"" + words[3] + "\"");
        };
    }

    private static List<String> columnNames(List<String> given, int cols) {
        if (given == null || given.isEmpty()) {
            List<String> numbered = new ArrayList<>(cols);
            for (int i = 0; i < cols; i++) {
                numbered.add(Integer.toString(i));
            }
            return numbered;
        }
        if (given.size() != cols) {
            throw new BadInputException("X.colnames must name every matrix column: expected " + cols
                    + " names, given " + given.size());
        }
        return given;
    }

    private static BufferedReader utf8Lines(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }
}
