package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Committed models of {@code src/test/resources/pickle-single-rows} with, beside the generator's files,
 * {@code single_rows_expected.csv}: the library's answer to each row of {@code input.csv} sent alone (a one-row
 * DataFrame, as DRUM hands a one-row request over), made by the interpreter of the model's version with
 * {@code bench/exactness/generate.py}'s reading of the csv. NumPy sums a lone row in another order than a batch
 * (BLAS's dgemv instead of dgemm, a pairwise reduction instead of a column-by-column one), so these answers are not
 * {@code expected.csv}'s.
 */
final class OneRowAtATime {

    static final Path ROOT = Path.of("src/test/resources/pickle-single-rows");

    private OneRowAtATime() {
    }

    static CorpusCase corpusCase(String folder) {
        return ExactnessProofTest.GeneratedModel.of(ROOT.resolve(folder)).corpusCase();
    }

    static ScoringModel load(CorpusCase corpusCase) throws Exception {
        return ExactnessProofTest.openLoader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    /** Scores every row of {@code input.csv} alone and compares with {@code single_rows_expected.csv}. */
    static double assertEachRowAlone(CorpusCase corpusCase, ScoringModel model, double tolerance) {
        Frame input = corpusCase.inputFrame();
        List<String> labels = corpusCase.labels();
        List<double[]> columns = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            columns.add(new double[input.rowCount()]);
        }
        for (int row = 0; row < input.rowCount(); row++) {
            RawPredictions alone = model.predict(input.rows(row, row + 1));
            List<String> reported = alone.columnLabels().orElseThrow();
            for (int k = 0; k < labels.size(); k++) {
                columns.get(k)[row] = alone.columns()[reported.indexOf(labels.get(k))][0];
            }
        }
        return PredictionComparison.assertClose(corpusCase, tolerance,
                CorpusCase.table(corpusCase.folder().resolve("single_rows_expected.csv")), labels, columns);
    }
}
