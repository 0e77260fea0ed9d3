package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.VersionGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * LightGBM 4.7.0 pickles the compiled engine would score differently from the library, each declined with its
 * reason (the Python workers serve them), even with the version gate open, and those once declined that it now
 * scores as the library; made by
 * {@code src/test/resources/lightgbm-declined/make_models.py}.
 */
class LightGbmPickleTest {

    private static final Path DECLINED = Path.of("src/test/resources/lightgbm-declined");

    private static PickleLoader openLoader() {
        return new PickleLoader(new TimpaniProperties.Pickles(true), extension -> Optional.empty(), VersionGate.open());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pred_early_stop    | carries the prediction parameter pred_early_stop",
        "pandas_categorical | pandas categorical"})
    void declinesWhatTheEngineWouldScoreOtherwise(String name, String reason) {
        assertThatThrownBy(() -> openLoader().load(DECLINED.resolve(name + ".pkl"),
                new LoadContext(DECLINED, TargetType.REGRESSION, Optional.empty(), 1)))
                .isInstanceOf(ModelDeclinedException.class).hasMessageContaining(reason);
    }

    /**
     * Pickles once declined, now scored as the library: its {@code predict} on these four rows, printed with
     * {@code repr} by the sklearn-1.9.1 venv (the third row's 1e-40 reads as 0.0, the second's NaN drops the linear
     * leaf's terms; the early-stopped booster answers from its first 35 of 37 iterations, its best_iteration).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "linear_tree     | 0.10287839554266615 | 0.020796213795866332 | -0.2958294226901885 | 0.8960519502169859",
        "cross_entropy   | 0.6630589263154473  | 0.3316036728399605   | 0.27767103165614926 | 0.6819401112401234",
        "regression_sqrt | 0.47106001910681705 | 0.47106001910681705  | 0.6801800300808164  | 0.9014795321912265",
        "early_stopped   | 0.9829925547596393  | 0.4081257422413276   | 0.014072288733931078 | 0.9849405100795035"})
    void servesWhatTheEngineNowScoresAsTheLibrary(String name, double first, double second, double third,
                                                  double fourth) throws Exception {
        Frame rows = new Frame(List.of("a", "b", "c"), List.of(
                new NumericColumn(new double[] {0.3, Double.NaN, -0.7, 2.5}),
                new NumericColumn(new double[] {-1.2, 0.1, 0.0, 0.7}),
                new NumericColumn(new double[] {0.5, 2.0, 1e-40, -0.3})), 4);
        try (ScoringModel model = openLoader().load(DECLINED.resolve(name + ".pkl"),
                new LoadContext(DECLINED, TargetType.REGRESSION, Optional.empty(), 1))) {
            assertThat(model.predict(rows).columns()[0]).containsExactly(first, second, third, fourth);
        }
    }

    @Test
    void refusesAnUnprovenClassThroughTheShippedGate() throws Exception {
        // The shipped table proves the three classes on format v4; the gate is asked with the pickled class.
        PickleLoader shipped = new PickleLoader(new TimpaniProperties.Pickles(true), extension -> Optional.empty(),
                (library, version, family) -> library.equals("lightgbm") && version.equals("v4")
                        && !family.endsWith("LGBMClassifier") ? Optional.empty()
                        : Optional.of(family + " refused for " + library + " " + version));
        Path folder = Path.of("src/test/resources/exactness/lightgbm-4.7.0/LGBMClassifier/000");
        assertThatThrownBy(() -> shipped.load(folder.resolve("model/model.pkl"),
                new LoadContext(folder, TargetType.BINARY, Optional.empty(), 1)))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("lightgbm.sklearn.LGBMClassifier refused for lightgbm v4");
        Path regressor = Path.of("src/test/resources/exactness/lightgbm-4.7.0/LGBMRegressor/000");
        try (ScoringModel model = shipped.load(regressor.resolve("model/model.pkl"),
                new LoadContext(regressor, TargetType.REGRESSION, Optional.empty(), 1))) {
            assertThat(model.description()).contains("LGBMRegressor (tweedie, 39 trees)");
        }
    }
}
