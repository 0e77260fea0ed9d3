package dev.timpani.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.TimpaniApplication;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Issue 16: a framework whose classes are absent (as ONNX Runtime's were under {@code spring-boot:run}) never stops
 * the server. Each engine's packages are hidden in turn from the application's class loader: the context still
 * starts, every other loader is there and serves, and a folder that needs the missing engine fails to load with a
 * message naming that engine.
 */
class MissingEngineTest {

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("ONNX Runtime's API", "ai.onnxruntime.", "onnx", "onnx_regression", "ONNX Runtime"),
                Arguments.of("DJL's ONNX Runtime engine", "ai.djl.onnxruntime.", "onnx", "onnx_regression",
                        "ONNX Runtime"),
                Arguments.of("PyTorch", "ai.djl.pytorch.", "torchscript", "torchscript_regression", "PyTorch"),
                Arguments.of("H2O", "hex.genmodel.", "h2o", "h2o_mojo_regression", "H2O"),
                Arguments.of("JPMML", "org.jpmml.evaluator.", "pmml", "pmml_sklearn_regression", "JPMML-Evaluator"),
                Arguments.of("XGBoost4J", "ml.dmlc.xgboost4j.", "xgboost", "xgboost_native_regression", "XGBoost4J"),
                Arguments.of("DataRobot scoring code", "com.datarobot.prediction.", "scoringcode", null,
                        "DataRobot scoring code"));
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("engines")
    void theOtherLoadersServeWhenOneEnginesClassesAreMissing(String engine, String hiddenPackage, String framework,
                                                             String needingIt, String namedInError) throws Exception {
        FilteredClassLoader withoutEngine = new FilteredClassLoader(hiddenPackage);

        String servingCase = framework.equals("xgboost") ? "pmml_sklearn_regression" : "xgboost_native_regression";
        try (ConfigurableApplicationContext context = start(withoutEngine, Corpus.get(servingCase))) {
            List<String> frameworks = context.getBeansOfType(ModelLoader.class).values().stream()
                    .map(ModelLoader::framework).toList();
            assertThat(frameworks).doesNotContain(framework).contains("python", "r");

            CorpusCase served = Corpus.get(servingCase);
            assertThat(context.getBean(ModelRegistry.class).awaitLoaded()).isInstanceOf(ModelState.Ready.class);
            Predictions predictions = context.getBean(Scorer.class).score(served.inputFrame());
            assertThat(predictions.rowCount()).isEqualTo(served.expected().rowCount());
            assertThat(((Predictions.Numbers) predictions).values()[0])
                    .isCloseTo(served.expected().columns()[0][0], org.assertj.core.data.Offset.offset(served.tolerance()));
        }

        if (needingIt != null) {
            try (ConfigurableApplicationContext context = start(withoutEngine, Corpus.get(needingIt))) {
                ModelState state = context.getBean(ModelRegistry.class).awaitLoaded();

                assertThat(state).isInstanceOf(ModelState.Failed.class);
                assertThat(((ModelState.Failed) state).message())
                        .contains("needs the " + namedInError)
                        .contains("whose classes are not on this server's class path");
            }
        }
    }

    private static ConfigurableApplicationContext start(ClassLoader classLoader, CorpusCase corpusCase) {
        Map<String, Object> properties = new HashMap<>(corpusCase.serverProperties());
        properties.put("logging.level.root", "warn");
        return new SpringApplicationBuilder(TimpaniApplication.class)
                .resourceLoader(new DefaultResourceLoader(classLoader))
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(properties)
                .run();
    }
}
