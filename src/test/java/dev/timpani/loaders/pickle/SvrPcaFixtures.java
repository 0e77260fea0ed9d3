package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.testing.CorpusCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SVR and PCA-pipeline pickles of {@code src/test/resources/svr-pca}, made by
 * {@code src/test/python/make_svr_pca.py} with scikit-learn 1.2.1 (Debian) and 1.9.1 (the venv): each folder laid
 * out as the differential proof's, with the library's own answers and refusal.
 */
final class SvrPcaFixtures {

    static final Path ROOT = Path.of("src/test/resources/svr-pca");
    static final List<String> VERSIONS = List.of("1.2.1", "1.9.1");

    private SvrPcaFixtures() {
    }

    static ExactnessProofTest.GeneratedModel model(String version, String name) {
        return ExactnessProofTest.GeneratedModel.of(ROOT.resolve("sklearn-" + version).resolve(name));
    }

    /** Through the pickle loader with the version gate open, as the proof loads. */
    static ScoringModel load(ExactnessProofTest.GeneratedModel generated) throws Exception {
        CorpusCase corpusCase = generated.corpusCase();
        return ExactnessProofTest.openLoader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    /** A regressor the JVM declines: no input, no answers, only the artifact. */
    static ScoringModel loadDeclined(String version, String name) throws Exception {
        Path folder = ROOT.resolve("sklearn-" + version).resolve(name);
        return ExactnessProofTest.openLoader().load(folder.resolve("model/model.pkl"),
                new LoadContext(folder.resolve("model"), TargetType.REGRESSION, Optional.empty(), 1));
    }

    /** The case's input with one cell made NaN. */
    static Frame withNaN(ExactnessProofTest.GeneratedModel generated, int column, int row) {
        Frame input = generated.corpusCase().inputFrame();
        List<Column> columns = new ArrayList<>(input.columns());
        double[] values = ((NumericColumn) columns.get(column)).values().clone();
        values[row] = Double.NaN;
        columns.set(column, new NumericColumn(values));
        return new Frame(input.columnNames(), columns, input.rowCount());
    }

    /** How many of the answers are the library's bit for bit, and the largest difference relative to the scale. */
    static double[] compare(double[] got, double[] want) {
        int exact = 0;
        double largest = 1.0;
        double worst = 0.0;
        for (double value : want) {
            largest = Math.max(largest, Math.abs(value));
        }
        for (int row = 0; row < want.length; row++) {
            if (Double.doubleToLongBits(got[row]) == Double.doubleToLongBits(want[row])) {
                exact++;
            } else {
                worst = Math.max(worst, Math.abs(got[row] - want[row]) / largest);
            }
        }
        return new double[] {exact, worst};
    }
}
