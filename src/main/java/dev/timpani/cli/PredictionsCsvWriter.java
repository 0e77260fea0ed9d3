package dev.timpani.cli;

import dev.timpani.data.PythonFloat;
import dev.timpani.model.Predictions;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * DRUM's batch output (R-CLI-1): a {@code Predictions} column for regression and the text target types (the
 * model's strings), one column per class label otherwise, one line per input row in input order.
 */
final class PredictionsCsvWriter {

    private final Writer out;
    private boolean headerWritten;

    PredictionsCsvWriter(Writer out) {
        this.out = out;
    }

    void write(Predictions predictions) throws IOException {
        if (predictions instanceof Predictions.Probabilities probabilities) {
            List<String> labels = probabilities.labels().labels();
            writeHeader(labels);
            double[][] byLabel = probabilities.byLabel();
            for (int row = 0; row < probabilities.rowCount(); row++) {
                for (int label = 0; label < byLabel.length; label++) {
                    if (label > 0) {
                        out.write(',');
                    }
                    out.write(PythonFloat.csv(byLabel[label][row]));
                }
                out.write('\n');
            }
        } else if (predictions instanceof Predictions.Texts texts) {
            // R-OUT-5: the model's strings, as pandas' to_csv writes an object column.
            writeHeader(List.of("Predictions"));
            for (String value : texts.values()) {
                // Python's csv quotes a row's only field when it is empty: a missing value and "" both read "".
                out.write(value == null || value.isEmpty() ? "\"\"" : quoted(value));
                out.write('\n');
            }
        } else {
            writeHeader(List.of("Predictions"));
            for (double value : ((Predictions.Numbers) predictions).values()) {
                out.write(PythonFloat.csv(value));
                out.write('\n');
            }
        }
    }

    private void writeHeader(List<String> names) throws IOException {
        if (headerWritten) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(names.get(i)));
        }
        out.write('\n');
        headerWritten = true;
    }

    /**
     * Python's csv quoting (QUOTE_MINIMAL): a field holding the delimiter, the quote or a line end is quoted, its
     * quotes doubled. Python 3.11 leaves a lone {@code \r} bare; it is quoted here too, so that any csv reader
     * reads the value back whole.
     */
    private static String quoted(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
