package dev.timpani.loaders.pmml;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the PMML loader when JPMML-Evaluator is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = {"org.jpmml.evaluator.Evaluator", "org.dmg.pmml.PMML", "jakarta.xml.bind.ValidationEvent"})
public class PmmlLoaderConfiguration {

    @Bean
    public ModelLoader pmmlLoader() {
        return new PmmlLoader();
    }
}
