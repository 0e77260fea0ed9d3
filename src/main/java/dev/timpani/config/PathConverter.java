package dev.timpani.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Paths in the configuration are file system paths, relative to the working directory as on DRUM's command
 * line. Spring's default conversion treats a value like {@code ../models/m} as a resource location and fails.
 */
@Component
@ConfigurationPropertiesBinding
class PathConverter implements Converter<String, Path> {

    @Override
    public Path convert(String source) {
        return Path.of(source.strip());
    }
}
