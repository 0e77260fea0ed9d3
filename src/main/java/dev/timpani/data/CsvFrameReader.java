package dev.timpani.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a CSV request body into a {@link Frame} the way DRUM's {@code pd.read_csv} defaults read it
 * (R-IN-5), streaming: values are collected per column and each column is typed once at the end.
 */
public final class CsvFrameReader {

    static final String NOT_UTF8 = "Supplied CSV input file encoding must be UTF-8.";
    static final String NO_COLUMNS = "No columns to parse from file";

    private final PandasNaValues naValues;

    /** pandas 1.5's missing values ({@link PandasNaValues#PANDAS_1}), as DRUM's images read csv. */
    public CsvFrameReader() {
        this(PandasNaValues.PANDAS_1);
    }

    public CsvFrameReader(PandasNaValues naValues) {
        this.naValues = naValues;
    }

    public Frame read(InputStream body) {
        try (Chunks chunks = chunks(body, Integer.MAX_VALUE)) {
            return chunks.next();
        }
    }

    /**
     * The body as frames of at most {@code rowsPerChunk} rows, in order, for batch scoring with bounded memory.
     * Each chunk is typed on its own, as pandas types each chunk of {@code read_csv(chunksize=...)}.
     */
    public Chunks chunks(InputStream body, int rowsPerChunk) {
        return new Chunks(body, rowsPerChunk, naValues);
    }

    /** Frames of a CSV body read one after another; the first holds the header's columns even with no rows. */
    public static final class Chunks implements java.util.Iterator<Frame>, AutoCloseable {

        private final CsvLineHandler handler = new CsvLineHandler();
        private final CsvReader<CsvLine> csv;
        private final Iterator<CsvLine> lines;
        private final int rowsPerChunk;
        private final PandasNaValues naValues;
        private List<String> names;
        private CsvLine last;
        private boolean first = true;
        private boolean ended;

        private Chunks(InputStream body, int rowsPerChunk, PandasNaValues naValues) {
            this.naValues = naValues;
            if (rowsPerChunk < 1) {
                throw new IllegalArgumentException("rowsPerChunk must be positive: " + rowsPerChunk);
            }
            this.rowsPerChunk = rowsPerChunk;
            this.csv = newCsvReader(handler, new CsvBodyReader(body));
            this.lines = csv.iterator();
        }

        @Override
        public boolean hasNext() {
            return first || !ended;
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            try {
                if (names == null) {
                    readHeader();
                }
                Frame frame = readRows();
                first = false;
                return frame;
            } catch (UncheckedIOException e) {
                throw translate(e.getCause());
            } catch (CsvParseException e) {
                throw new BadInputException(
                        "CSV parse error in line " + handler.currentLineNumber() + ": " + rootMessage(e), e);
            }
        }

        private void readHeader() {
            CsvLine header = nextNonBlank(lines);
            if (CsvBodyReader.isEndMarker(header)) {
                throw new BadInputException(NO_COLUMNS);
            }
            names = PandasColumnNames.fromHeader(header.fields());
            last = header;
        }

        private Frame readRows() {
            int width = names.size();
            // DRUM re-reads a one-column CSV with skip_blank_lines=False: there a blank line is a missing value.
            boolean blankLineIsMissingValue = width == 1;
            CsvColumnBuilder[] builders = new CsvColumnBuilder[width];
            for (int i = 0; i < width; i++) {
                builders[i] = new CsvColumnBuilder(naValues);
            }
            int rowCount = 0;
            while (rowCount < rowsPerChunk && !ended) {
                CsvLine line = nextOrUnterminatedQuote(lines, last);
                last = line;
                if (CsvBodyReader.isEndMarker(line)) {
                    ended = true;
                    break;
                }
                if (line.blank() && !blankLineIsMissingValue) {
                    continue;
                }
                String[] fields = line.fields();
                if (fields.length > width) {
                    throw new BadInputException("Error tokenizing data. Expected " + width + " fields in line "
                            + line.number() + ", saw " + fields.length);
                }
                // pandas fills the fields a short record lacks with NaN.
                for (int i = 0; i < width; i++) {
                    builders[i].add(i < fields.length ? fields[i] : null);
                }
                rowCount++;
            }
            List<Column> columns = new ArrayList<>(width);
            for (CsvColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            return new Frame(names, columns, rowCount);
        }

        @Override
        public void close() {
            try {
                csv.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static CsvReader<CsvLine> newCsvReader(CsvLineHandler handler, Reader text) {
        return CsvReader.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                // Blank lines and ragged rows follow pandas' rules, applied in readLines.
                .skipEmptyLines(false)
                .allowMissingFields(true)
                .allowExtraFields(true)
                // pandas reads "a"b as ab rather than failing.
                .allowExtraCharsAfterClosingQuote(true)
                .build(handler, text);
    }

    private static CsvLine nextNonBlank(Iterator<CsvLine> lines) {
        CsvLine line = null;
        do {
            line = nextOrUnterminatedQuote(lines, line);
        } while (line.blank());
        return line;
    }

    /** The next line; running out before the end marker means the previous line's quote swallowed it (R-IN-7). */
    private static CsvLine nextOrUnterminatedQuote(Iterator<CsvLine> lines, CsvLine previous) {
        if (lines.hasNext()) {
            return lines.next();
        }
        long lineNumber = previous == null ? 1 : previous.number();
        throw new BadInputException("CSV parse error in line " + lineNumber
                + ": a quoted field starting in this line is never closed");
    }

    private static RuntimeException translate(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new BadInputException(NOT_UTF8, e);
        }
        // The client's connection failed, not its data.
        return new UncheckedIOException(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
