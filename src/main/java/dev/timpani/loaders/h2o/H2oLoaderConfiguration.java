package dev.timpani.loaders.h2o;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the H2O loader when h2o-genmodel is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = {"hex.genmodel.GenModel", "hex.genmodel.easy.EasyPredictModelWrapper"})
public class H2oLoaderConfiguration {

    @Bean
    public ModelLoader h2oLoader() {
        return new H2oLoader();
    }
}
