package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a ColumnTransformer pipeline fitted on a DataFrame refuses and answers beyond the generated probes, with the
 * words scikit-learn 1.9.1 itself gave for this committed model (measured with the 1.9.1 venv on its input.csv).
 */
class CompiledPipelineTest {

    private static final Path MODEL = Path.of(
            "src/test/resources/exactness/sklearn-1.9.1/Pipeline_ColumnTransformer_OneHotEncoder/000");

    private static ScoringModel load() throws Exception {
        CorpusCase corpusCase = ExactnessProofTest.GeneratedModel.of(MODEL).corpusCase();
        return ExactnessProofTest.openLoader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    private static Frame input() {
        return CorpusCase.readCsv(MODEL.resolve("input.csv"));
    }

    @Test
    void refusesAMissingColumnWithTheColumnTransformersWords() throws Exception {
        Frame full = input();
        int dropped = full.indexOf("ÜberWert");
        List<String> names = new ArrayList<>(full.columnNames());
        List<Column> columns = new ArrayList<>(full.columns());
        names.remove(dropped);
        columns.remove(dropped);
        try (ScoringModel model = load()) {
            assertThatThrownBy(() -> model.predict(new Frame(names, columns, full.rowCount())))
                    .isInstanceOf(ModelFailedException.class).hasMessage("columns are missing: {'ÜberWert'}");
        }
    }

    @Test
    void refusesNumbersInAColumnTheEncoderFittedOnStringsAsTheLibraryDoes() throws Exception {
        Frame full = input();
        List<Column> columns = new ArrayList<>(full.columns());
        double[] digits = new double[full.rowCount()];
        java.util.Arrays.fill(digits, 1.0);
        columns.set(full.indexOf("Grade 2013"), new NumericColumn(digits));
        try (ScoringModel model = load()) {
            assertThatThrownBy(() -> model.predict(new Frame(full.columnNames(), columns, full.rowCount())))
                    .isInstanceOf(ModelFailedException.class)
                    .hasMessage("ufunc 'isnan' not supported for the input types, and the inputs could not be safely "
                            + "coerced to any supported types according to the casting rule ''safe''");
        }
    }

    @Test
    void selectsColumnsByNameSoAnotherOrderAnswersTheSame() throws Exception {
        Frame full = input();
        List<String> names = new ArrayList<>(full.columnNames());
        List<Column> columns = new ArrayList<>(full.columns());
        Collections.reverse(names);
        Collections.reverse(columns);
        try (ScoringModel model = load()) {
            double[] inOrder = model.predict(full).columns()[0];
            double[] reversed = model.predict(new Frame(names, columns, full.rowCount())).columns()[0];
            assertThat(reversed).containsExactly(inOrder);
        }
    }
}
