package dev.timpani.spark;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.Predictions;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition in batches of {@link TimpaniOptions#batchSize()} rows through the server's batch path (a
 * {@link Frame}, the model's {@code predict}, DRUM's output contract), lazily: a batch is read, scored and handed
 * on before the next is read, so a partition of any size needs one batch of memory. Each output row is its input row
 * followed by the prediction columns, in input order.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private final TimpaniOptions options;
    private final FrameBatch binding;
    private final PredictionColumns predictions;

    PartitionScorer(TimpaniOptions options, FrameBatch binding, PredictionColumns predictions) {
        this.options = options;
        this.binding = binding;
        this.predictions = predictions;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        LoadedModel model = ExecutorModels.get(options);
        return new Iterator<>() {
            private final Row[] batch = new Row[options.batchSize()];
            private Predictions scored;
            private int size;
            private int next;
            private long rowsBefore;

            @Override
            public boolean hasNext() {
                if (next < size) {
                    return true;
                }
                rowsBefore += size;
                size = 0;
                next = 0;
                while (size < batch.length && input.hasNext()) {
                    batch[size++] = input.next();
                }
                if (size == 0) {
                    return false;
                }
                scored = score(model, binding.frame(batch, size), rowsBefore);
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = batch[next];
                int width = row.size();
                Object[] values = new Object[width + predictions.width()];
                for (int c = 0; c < width; c++) {
                    values[c] = row.get(c);
                }
                predictions.fill(scored, next, values, width);
                batch[next++] = null;
                return RowFactory.create(values);
            }
        };
    }

    /** A rejected row fails the task with the model's message and where the batch lies in the partition. */
    static Predictions score(LoadedModel model, Frame frame, long rowsBefore) {
        try {
            return model.contract().check(model.model().predict(frame), frame.rowCount());
        } catch (RuntimeException e) {
            TaskContext task = TaskContext.get();
            String where = "rows " + (rowsBefore + 1) + " to " + (rowsBefore + frame.rowCount())
                    + (task == null ? "" : " of partition " + task.partitionId());
            String kind = e instanceof BadInputException ? "The model rejected " : "The model failed on ";
            throw new ScoringFailedException(kind + where + ": " + e.getMessage(), e);
        }
    }
}
