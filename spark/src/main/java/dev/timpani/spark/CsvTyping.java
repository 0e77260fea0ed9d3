package dev.timpani.spark;

import dev.timpani.data.NumberText;
import dev.timpani.data.PandasNaValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

/**
 * A csv file typed as {@code score} types it (pandas' {@code read_csv} defaults, R-IN-5), not as Spark's csv source
 * does: read as text, then a column is numbers when every present cell parses as pandas parses a float (one pass
 * over the data, like Spark's own {@code inferSchema}), and pandas' missing-value spellings are missing. Quotes are
 * doubled inside a quoted field, as pandas writes them. Which spellings are missing is the model's
 * ({@code ScoringModel.csvNaValues}: pandas 2's, with {@code None}, for a pickle of NumPy 2), as {@code score} and
 * {@code /predict/} read its csv.
 */
public final class CsvTyping {

    private CsvTyping() {
    }

    /** The csv file(s) at {@code path} with pandas 1.5's missing values (DRUM's images; the corpus). */
    public static Dataset<Row> read(SparkSession spark, String path) {
        return read(spark, path, PandasNaValues.PANDAS_1);
    }

    /**
     * The csv file(s) at {@code path}, with a header row, typed as {@code score} types them for a model that reads
     * its csv with {@code naValues} ({@link TimpaniModel#csvNaValues()}).
     */
    public static Dataset<Row> read(SparkSession spark, String path, PandasNaValues naValues) {
        Dataset<Row> text = spark.read().option("header", "true").option("inferSchema", "false")
                .option("escape", "\"").csv(path);
        return type(text, naValues);
    }

    /** Columns of text typed as {@code score} types csv cells, {@code naValues} missing. */
    public static Dataset<Row> type(Dataset<Row> text, PandasNaValues naValues) {
        String[] names = text.columns();
        if (names.length == 0) {
            return text;
        }
        UserDefinedFunction notANumber = udf((UDF1<String, Integer>) cell -> cell != null
                && !naValues.missing(cell) && Double.isNaN(NumberText.parseOrNaN(cell)) ? 1 : 0,
                DataTypes.IntegerType);
        UserDefinedFunction number = udf((UDF1<String, Double>) cell -> cell == null || naValues.missing(cell)
                ? null : NumberText.parseOrNaN(cell), DataTypes.DoubleType);
        UserDefinedFunction textCell = udf((UDF1<String, String>) cell -> cell == null || naValues.missing(cell)
                ? null : cell, DataTypes.StringType);
        Column[] counts = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            counts[i] = sum(notANumber.apply(col(quoted(names[i]))));
        }
        Row notNumbers = text.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
        List<Column> typed = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            // No rows: pandas gives a header-only column dtype object.
            boolean numbers = !notNumbers.isNullAt(i) && notNumbers.getLong(i) == 0;
            Column cell = col(quoted(names[i]));
            typed.add((numbers ? number.apply(cell) : textCell.apply(cell)).as(names[i]));
        }
        return text.select(typed.toArray(new Column[0]));
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
