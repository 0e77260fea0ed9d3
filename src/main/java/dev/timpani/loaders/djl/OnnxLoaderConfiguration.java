package dev.timpani.loaders.djl;

import dev.timpani.model.ModelLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the ONNX loader when both jars it calls are on the classpath: DJL's ONNX Runtime engine and ONNX
 * Runtime's own API (packaged separately; {@code spring-boot:run} once ran without it).
 */
@AutoConfiguration
@ConditionalOnClass(name = {"ai.djl.onnxruntime.engine.OrtEngine", "ai.onnxruntime.OrtSession"})
public class OnnxLoaderConfiguration {

    @Bean
    public ModelLoader onnxLoader() {
        return new OnnxLoader();
    }
}
