package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts every controller of ours (DRUM's routes, {@code /stats/} among them) under the normalised
 * {@code URL_PREFIX}; Spring's own endpoints stay where Spring puts them.
 */
@Configuration(proxyBeanMethods = false)
class UrlPrefixConfiguration implements WebMvcConfigurer {

    private static final String OIP_PACKAGE = "dev.timpani.oip";

    private final String prefix;

    UrlPrefixConfiguration(TimpaniProperties properties) {
        this.prefix = properties.normalizedUrlPrefix();
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        if (!prefix.isEmpty()) {
            // The Open Inference Protocol's /v2 routes stay at the root, like Actuator's: KServe calls fixed paths.
            configurer.addPathPrefix(prefix, HandlerTypePredicate.forBasePackage("dev.timpani")
                    .and(type -> !type.getPackageName().startsWith(OIP_PACKAGE)));
        }
    }
}
