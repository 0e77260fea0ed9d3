package dev.timpani.loaders.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.timpani.testing.KnownDeviations;

class PmmlLoaderTest {


    private final PmmlLoader loader = new PmmlLoader();

    static Stream<CorpusCase> pmmlCases() throws IOException {
        return Corpus.cases("pmml_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pmmlCases")
    void scoresCorpusCaseLikeItsFramework(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            model.warmUp();
            RawPredictions predictions = model.predict(corpusCase.inputFrame());
            PredictionComparison.assertMatchesCase(corpusCase,
                    KnownDeviations.tolerance(corpusCase.name(), corpusCase.tolerance()), predictions);
        }
    }

    @Test
    void corruptArtifactIsALoadErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("model.pmml"), "this is not <PMML");
        LoadContext context = new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);

        assertThatThrownBy(() -> loader.load(artifact, context))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Could not load PMML model model.pmml: ");
    }

    @Test
    void missingColumnsFallBackOnTheModelsMissingValueTreatment() throws Exception {
        CorpusCase corpusCase = caseNamed("pmml_sklearn_pipeline_mixed_types");
        Frame full = corpusCase.inputFrame();
        Frame withoutTwo = without(full, "admission_type_id", "time_in_hospital");

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            RawPredictions predictions = model.predict(withoutTwo);

            assertThat(predictions.rowCount()).isEqualTo(full.rowCount());
            for (int row = 0; row < predictions.rowCount(); row++) {
                double sum = 0;
                for (double[] column : predictions.columns()) {
                    assertThat(column[row]).isBetween(0.0, 1.0);
                    sum += column[row];
                }
                assertThat(sum).isCloseTo(1.0, Offset.offset(1e-9));
            }
        }
    }

    @Test
    void textInANumericFieldIsBadInputNamingColumnRowAndValue() throws Exception {
        CorpusCase corpusCase = caseNamed("pmml_r_decisiontree_iris");
        Frame frame = new Frame(List.of("Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width"),
                List.of(new TextColumn(new String[] {"5.1", "abc"}), numbers(3.5, 3.0), numbers(1.4, 1.4),
                        numbers(0.2, 0.2)),
                2);

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("column 'Sepal_Length' has an invalid value in row 2 (\"abc\"): ");
        }
    }

    private static NumericColumn numbers(double... values) {
        return new NumericColumn(values);
    }

    private static Frame without(Frame frame, String... dropped) {
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            if (!List.of(dropped).contains(frame.columnNames().get(c))) {
                names.add(frame.columnNames().get(c));
                columns.add(frame.column(c));
            }
        }
        return new Frame(names, columns, frame.rowCount());
    }

    private static CorpusCase caseNamed(String name) throws IOException {
        return Corpus.get(name);
    }
}
