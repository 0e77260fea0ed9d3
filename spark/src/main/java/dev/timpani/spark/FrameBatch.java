package dev.timpani.spark;

import dev.timpani.data.Column;
import dev.timpani.data.CsvColumnBuilder;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Spark rows as the {@link Frame} a csv request of the same values parses to: numbers as pandas float64 (null is
 * missing), strings as text (or typed as {@code score} types a csv chunk, with {@code textAsCsv}), booleans as
 * Python writes them ({@code True}/{@code False}), dates and timestamps as ISO text ({@code 2024-01-31},
 * {@code 2024-01-31 12:00:00}). The kinds are decided from the schema once, on the driver, which rejects any other
 * type before a task runs.
 */
final class FrameBatch implements Serializable {

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

    private enum Kind { NUMBER, TEXT, CSV_TEXT, BOOLEAN, DATE, TIMESTAMP }

    private final List<String> names;
    private final Kind[] kinds;

    private FrameBatch(List<String> names, Kind[] kinds) {
        this.names = List.copyOf(names);
        this.kinds = kinds;
    }

    /** The binding of {@code schema}'s columns; an unreadable type is an {@link IllegalArgumentException}. */
    static FrameBatch of(StructType schema, boolean textAsCsv) {
        List<String> names = new ArrayList<>();
        Kind[] kinds = new Kind[schema.fields().length];
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            StructField field = schema.fields()[i];
            names.add(field.name());
            kinds[i] = kind(field.dataType(), textAsCsv);
            if (kinds[i] == null) {
                unreadable.add(field.name() + " (" + field.dataType().simpleString() + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException("A model reads numbers, strings, booleans, dates and timestamps; "
                    + "these columns are none of them: " + String.join(", ", unreadable));
        }
        return new FrameBatch(names, kinds);
    }

    private static Kind kind(DataType type, boolean textAsCsv) {
        if (type instanceof NumericType) {
            return Kind.NUMBER;
        }
        if (type instanceof StringType) {
            return textAsCsv ? Kind.CSV_TEXT : Kind.TEXT;
        }
        if (type instanceof BooleanType) {
            return Kind.BOOLEAN;
        }
        if (type instanceof DateType) {
            return Kind.DATE;
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return Kind.TIMESTAMP;
        }
        return null;
    }

    List<String> names() {
        return names;
    }

    /** The first {@code count} rows of {@code rows} as a frame. */
    Frame frame(Row[] rows, int count) {
        List<Column> columns = new ArrayList<>(kinds.length);
        for (int c = 0; c < kinds.length; c++) {
            columns.add(column(rows, count, c));
        }
        return new Frame(names, columns, count);
    }

    private Column column(Row[] rows, int count, int c) {
        Kind kind = kinds[c];
        if (kind == Kind.NUMBER) {
            double[] values = new double[count];
            for (int r = 0; r < count; r++) {
                Object value = rows[r].get(c);
                values[r] = value == null ? Double.NaN : number(value);
            }
            return new NumericColumn(values);
        }
        if (kind == Kind.CSV_TEXT) {
            CsvColumnBuilder builder = new CsvColumnBuilder();
            for (int r = 0; r < count; r++) {
                builder.add((String) rows[r].get(c));
            }
            return builder.build();
        }
        String[] values = new String[count];
        for (int r = 0; r < count; r++) {
            Object value = rows[r].get(c);
            values[r] = value == null ? null : text(kind, value);
        }
        return new TextColumn(values);
    }

    private static double number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return ((Number) value).doubleValue();
    }

    private static String text(Kind kind, Object value) {
        return switch (kind) {
            case BOOLEAN -> (Boolean) value ? "True" : "False";
            case DATE -> value.toString();
            case TIMESTAMP -> timestamp(value);
            default -> value.toString();
        };
    }

    private static String timestamp(Object value) {
        LocalDateTime time;
        if (value instanceof Timestamp ts) {
            time = ts.toLocalDateTime();
        } else if (value instanceof Instant instant) {
            time = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
        } else {
            time = (LocalDateTime) value;
        }
        return TIMESTAMP.format(time);
    }
}
