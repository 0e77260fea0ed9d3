package dev.timpani.spark;

import dev.timpani.data.Frame;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.Predictions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A model folder as a SQL function of a session: {@code TimpaniFunctions.register(spark, "churn", dir, options)},
 * then {@code SELECT churn(struct(*)) FROM t} or {@code df.select(callUDF("churn", struct(...)))}; from PySpark
 * through the JVM ({@code spark._jvm.dev.timpani.spark.TimpaniFunctions.register(...)}). The argument is a struct
 * whose field names bind the model's input columns, as a csv request's header does. The result is the prediction
 * ({@code double} for regression and anomaly, {@code string} for the text target types) or, for classification, a
 * struct of one probability per class label and {@code Predictions}, the most probable label.
 *
 * <p>Spark evaluates a function one row at a time, so each row is one model call: for large tables
 * {@link TimpaniModel#transform} scores in batches and is the faster way.
 */
public final class TimpaniFunctions {

    private TimpaniFunctions() {
    }

    /** Registers the function; the model is loaded on the driver now, so a folder that does not load fails here. */
    public static void register(SparkSession spark, String name, String codeDir, Map<String, String> options) {
        TimpaniOptions parsed = TimpaniOptions.of(codeDir, options);
        PredictionColumns columns = PredictionColumns.of(ExecutorModels.get(parsed));
        List<StructField> fields = columns.fields();
        DataType type = fields.size() == 1 ? fields.get(0).dataType()
                : new StructType(fields.toArray(new StructField[0]));
        spark.udf().register(name, new RowFunction(parsed, columns), type);
    }

    /** Scores one struct: a frame of one row through the same path as a batch. */
    private static final class RowFunction implements UDF1<Row, Object> {

        private final TimpaniOptions options;
        private final PredictionColumns columns;
        private transient StructType boundSchema;
        private transient FrameBatch binding;

        RowFunction(TimpaniOptions options, PredictionColumns columns) {
            this.options = options;
            this.columns = columns;
        }

        @Override
        public Object call(Row row) {
            if (row == null) {
                throw new IllegalArgumentException("The model's input is a struct of its columns, e.g. "
                        + "churn(struct(*)); got null");
            }
            StructType schema = row.schema();
            if (binding == null || !schema.equals(boundSchema)) {
                binding = FrameBatch.of(schema, options.textAsCsv());
                boundSchema = schema;
            }
            LoadedModel model = ExecutorModels.get(options);
            Frame frame = binding.frame(new Row[] {row}, 1);
            Predictions predictions = PartitionScorer.score(model, frame, 0);
            Object[] values = new Object[columns.width()];
            columns.fill(predictions, 0, values, 0);
            return values.length == 1 ? values[0] : RowFactory.create(values);
        }
    }
}
