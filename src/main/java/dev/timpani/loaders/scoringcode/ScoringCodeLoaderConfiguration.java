package dev.timpani.loaders.scoringcode;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the scoring-code loader when DataRobot's prediction API is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = {"com.datarobot.prediction.Predictors", "com.datarobot.transform.util.InputUtils"})
public class ScoringCodeLoaderConfiguration {

    @Bean
    public ModelLoader scoringCodeLoader() {
        return new ScoringCodeLoader();
    }
}
