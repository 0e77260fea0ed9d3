package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.model.VersionGate;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * LightGBM 4.7.0 pickles the compiled engine would score differently from the library, each declined with its
 * reason (the Python workers serve them), even with the version gate open; made by
 * {@code src/test/resources/lightgbm-declined/make_models.py}.
 */
class LightGbmPickleTest {

    private static final Path DECLINED = Path.of("src/test/resources/lightgbm-declined");

    private static PickleLoader openLoader() {
        return new PickleLoader(new TimpaniProperties.Pickles(true), extension -> Optional.empty(), VersionGate.open());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "linear_tree        | linear trees",
        "cross_entropy      | the LightGBM objective 'cross_entropy' is not one the JVM reproduces",
        "regression_sqrt    | regression sqrt",
        "pred_early_stop    | carries the prediction parameter pred_early_stop",
        "early_stopped      | stopped early: predict uses its first",
        "pandas_categorical | pandas categorical"})
    void declinesWhatTheEngineWouldScoreOtherwise(String name, String reason) {
        assertThatThrownBy(() -> openLoader().load(DECLINED.resolve(name + ".pkl"),
                new LoadContext(DECLINED, TargetType.REGRESSION, Optional.empty(), 1)))
                .isInstanceOf(ModelDeclinedException.class).hasMessageContaining(reason);
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
            assertThat(model.description()).contains("LGBMRegressor (quantile, 27 trees)");
        }
    }
}
