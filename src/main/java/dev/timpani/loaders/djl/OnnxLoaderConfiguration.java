package dev.timpani.loaders.djl;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Contributes the ONNX loader when DJL's ONNX Runtime engine is on the classpath. */
@AutoConfiguration
@ConditionalOnClass(name = "ai.djl.onnxruntime.engine.OrtEngine")
public class OnnxLoaderConfiguration {

    @Bean
    public ModelLoader onnxLoader() {
        return new OnnxLoader();
    }
}
