package dev.timpani.spark;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.PandasNaValues;
import dev.timpani.data.TextColumn;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.PayloadScoringModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A DRUM model folder as a Spark ML {@link Transformer}: {@code transform(df)} keeps every input column and row and
 * appends the prediction columns ({@link PredictionColumns}). Input columns are bound by name, as the server binds a
 * csv request's header; the schema is checked on the driver when {@code transform} is called, with the model loaded
 * there, so a model that does not load, a column the model lacks or a type it cannot read fails before any task
 * runs. Executors load the folder once per JVM ({@link ExecutorModels}) and score each partition in batches.
 */
public final class TimpaniModel extends Transformer {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TimpaniOptions options;

    private TimpaniModel(String uid, TimpaniOptions options) {
        this.uid = uid;
        this.options = options;
    }

    /** The folder with {@code score}'s options by name ({@link TimpaniOptions#of(String, Map)}). */
    public static TimpaniModel load(String codeDir, Map<String, String> options) {
        return load(TimpaniOptions.of(codeDir, options));
    }

    public static TimpaniModel load(String codeDir) {
        return load(TimpaniOptions.of(codeDir));
    }

    public static TimpaniModel load(TimpaniOptions options) {
        return new TimpaniModel(Identifiable$.MODULE$.randomUID("timpani"), options);
    }

    /** Which loader serves the folder and how, as the server's {@code /info/} says (loads it on this JVM). */
    public String servedBy() {
        return ExecutorModels.get(options).servedBy();
    }

    /**
     * The strings the model's csv reads as missing ({@code ScoringModel.csvNaValues}, loads it on this JVM): what
     * {@link CsvTyping#read(SparkSession, String, PandasNaValues)} takes to read a csv for it as {@code score} does.
     */
    public PandasNaValues csvNaValues() {
        return ExecutorModels.get(options).model().csvNaValues();
    }

    public TimpaniOptions options() {
        return options;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        Dataset<Row> rows = dataset.toDF();
        FrameBatch binding = FrameBatch.of(rows.schema(), options.textAsCsv());
        PredictionColumns predictions = PredictionColumns.of(ExecutorModels.get(options));
        return rows.mapPartitions(new PartitionScorer(options, binding, predictions), Encoders.row(output));
    }

    /** The input schema with the prediction columns appended, after the driver-side checks. */
    @Override
    public StructType transformSchema(StructType schema) {
        LoadedModel model = ExecutorModels.get(options);
        PredictionColumns predictions = PredictionColumns.of(model);
        FrameBatch binding = FrameBatch.of(schema, options.textAsCsv());
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        Set<String> names = new LinkedHashSet<>(Arrays.asList(schema.fieldNames()));
        for (StructField field : predictions.fields()) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("The input already has a column " + field.name()
                        + ", which the predictions would add; rename or drop it first");
            }
            fields.add(field);
        }
        checkColumns(model, binding, schema);
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * The model is handed no rows with the input's columns, so that a loader that binds columns at every call (a
     * pickle fitted on named columns, an ONNX graph's width, a hook's own checks) says now, with its own message,
     * what the input lacks. Columns an artifact declares are not required here: the server does not require them
     * either (H2O and PMML read an absent column as missing).
     */
    private static void checkColumns(LoadedModel model, FrameBatch binding, StructType schema) {
        List<Column> empty = new ArrayList<>();
        for (StructField field : schema.fields()) {
            empty.add(field.dataType() instanceof org.apache.spark.sql.types.NumericType
                    ? new NumericColumn(new double[0]) : new TextColumn(new String[0]));
        }
        try {
            model.model().predict(new Frame(binding.names(), empty, 0));
        } catch (BadInputException e) {
            throw misfit(e, schema);
        } catch (RuntimeException e) {
            // In-JVM models take a batch of any size, empty included, so a refusal is about the columns (XGBoost's
            // own feature-name check, say). A hook's code may refuse an empty frame for its own reasons: the rows
            // will tell.
            if (!(model.model() instanceof PayloadScoringModel)) {
                throw misfit(e, schema);
            }
        }
    }

    private static IllegalArgumentException misfit(RuntimeException e, StructType schema) {
        return new IllegalArgumentException("The input does not fit the model: " + e.getMessage()
                + " (the input's columns: " + String.join(", ", schema.fieldNames()) + ")", e);
    }

    @Override
    public TimpaniModel copy(ParamMap extra) {
        return new TimpaniModel(uid, options);
    }

    @Override
    public String toString() {
        return "TimpaniModel(" + uid + ", " + options.codeDir() + ")";
    }
}
