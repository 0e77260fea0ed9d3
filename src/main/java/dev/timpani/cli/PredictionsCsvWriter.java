package dev.timpani.cli;

import dev.timpani.model.Predictions;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * DRUM's batch output (R-CLI-1): a {@code Predictions} column for regression, one column per class label
 * otherwise, one line per input row in input order.
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
                    out.write(PythonFloat.repr(byLabel[label][row]));
                }
                out.write('\n');
            }
        } else {
            writeHeader(List.of("Predictions"));
            for (double value : ((Predictions.Numbers) predictions).values()) {
                out.write(PythonFloat.repr(value));
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

    private static String quoted(String name) {
        boolean needsQuotes = name.indexOf(',') >= 0 || name.indexOf('"') >= 0 || name.indexOf('\n') >= 0;
        return needsQuotes ? '"' + name.replace("\"", "\"\"") + '"' : name;
    }
}
