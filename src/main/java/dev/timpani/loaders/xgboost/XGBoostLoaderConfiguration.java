package dev.timpani.loaders.xgboost;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.VersionGate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the XGBoost loader when XGBoost4J is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = "ml.dmlc.xgboost4j.java.Booster")
public class XGBoostLoaderConfiguration {

    @Bean
    public ModelLoader xgboostLoader(TimpaniProperties properties) {
        return new XGBoostLoader(VersionGate.of(XGBoostLoader.PROVEN, properties.engine().trustUnprovenVersions()));
    }
}
