package dev.timpani.loaders.pickle;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.VersionGate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the in-JVM pickle loader when JPMML-SkLearn's unpickler is on the classpath. Without it every pickle
 * goes to the Python workers, as before.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.jpmml.sklearn.SkLearnUtil")
public class PickleLoaderConfiguration {

    @Bean
    public ModelLoader pickleLoader(TimpaniProperties properties, ObjectProvider<ModelLoader> loaders) {
        // Looked up at load time, not here: the other loaders are beans of the same type as this one.
        EngineLoaders engines = extension -> loaders.orderedStream()
                .filter(loader -> !"pickle".equals(loader.framework()) && loader.extensions().contains(extension))
                .findFirst();
        return new PickleLoader(properties.pickles(), engines,
                VersionGate.of(PickleLoader.PROVEN, properties.engine().trustUnprovenVersions()));
    }
}
