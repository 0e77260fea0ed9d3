package dev.timpani.loaders.djl;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the TorchScript loader when DJL's PyTorch engine is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = {"ai.djl.Model", "ai.djl.pytorch.engine.PtEngine", "ai.djl.pytorch.jni.JniUtils"})
public class TorchScriptLoaderConfiguration {

    @Bean
    public ModelLoader torchScriptLoader() {
        return new TorchScriptLoader();
    }
}
