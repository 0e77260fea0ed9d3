package dev.timpani.spark;

import dev.timpani.data.Column;
import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A csv file read on the driver by {@code score}'s own reader ({@link CsvFrameReader}), as the rows and schema of a
 * DataFrame: numbers as doubles (missing: null), text as strings. No Spark job runs to read it.
 */
record CsvRows(StructType schema, List<Row> rows) {

    static CsvRows read(Path csv) {
        Frame frame;
        try (InputStream in = Files.newInputStream(csv)) {
            frame = new CsvFrameReader().read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<StructField> fields = new ArrayList<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            fields.add(DataTypes.createStructField(frame.columnNames().get(c),
                    frame.column(c) instanceof NumericColumn ? DataTypes.DoubleType : DataTypes.StringType, true));
        }
        List<Row> rows = new ArrayList<>(frame.rowCount());
        for (int r = 0; r < frame.rowCount(); r++) {
            Object[] values = new Object[frame.columnCount()];
            for (int c = 0; c < values.length; c++) {
                Column column = frame.column(c);
                if (column instanceof NumericColumn numbers) {
                    values[c] = Double.isNaN(numbers.values()[r]) ? null : numbers.values()[r];
                } else {
                    values[c] = ((TextColumn) column).values()[r];
                }
            }
            rows.add(RowFactory.create(values));
        }
        return new CsvRows(new StructType(fields.toArray(new StructField[0])), rows);
    }

    /** The rows in {@code partitions} partitions, split in order (the first rows in the first partition). */
    Dataset<Row> frame(SparkSession spark, int partitions) {
        return spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }
}
