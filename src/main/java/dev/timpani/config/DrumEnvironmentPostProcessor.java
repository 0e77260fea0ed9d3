package dev.timpani.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The one place where DRUM's environment variables (contract R-CFG) become {@code timpani.*} properties, and
 * where {@code timpani.address} ({@code --address} / {@code ADDRESS}) becomes Spring's {@code server.*} and a
 * gRPC port asked for turns the V2 gRPC service on.
 * The DRUM variables rank just below the process environment, so command-line flags still win.
 */
public class DrumEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DRUM_SOURCE = "drumEnvironmentVariables";
    static final String ADDRESS_SOURCE = "timpaniAddress";
    static final String GRPC_SOURCE = "timpaniGrpcRequested";

    private static final String GRPC_PORT = "timpani.oip.grpc.port";
    private static final String GRPC_ENABLED = "timpani.oip.grpc.enabled";

    /** DRUM's runtime parameters arrive as variables with this prefix (R-CFG-9). */
    static final String RUNTIME_PARAMETER_PREFIX = "MLOPS_RUNTIME_PARAM_";

    /** DRUM variable name to Timpani property. */
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("CODE_DIR", "timpani.code-dir"),
            Map.entry("TARGET_TYPE", "timpani.target-type"),
            Map.entry("POSITIVE_CLASS_LABEL", "timpani.labels.positive"),
            Map.entry("NEGATIVE_CLASS_LABEL", "timpani.labels.negative"),
            Map.entry("CLASS_LABELS_FILE", "timpani.labels.class-labels-file"),
            Map.entry("ADDRESS", "timpani.address"),
            Map.entry("URL_PREFIX", "timpani.url-prefix"),
            Map.entry("MAX_WORKERS", "timpani.drum.max-workers"),
            Map.entry("WITH_ERROR_SERVER", "timpani.drum.with-error-server"),
            Map.entry("SHOW_STACKTRACE", "timpani.drum.show-stacktrace"),
            Map.entry("PRODUCTION", "timpani.drum.production"),
            Map.entry("RUNTIME_PARAMS_FILE", "timpani.drum.runtime-params-file"),
            Map.entry("MONITOR", "timpani.drum.monitor"),
            Map.entry("DEPLOYMENT_CONFIG", "timpani.drum.deployment-config"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> drum = fromVariables(environment.getSystemEnvironment());
        if (!drum.isEmpty()) {
            MapPropertySource source = new MapPropertySource(DRUM_SOURCE, drum);
            String systemEnvironment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
            if (environment.getPropertySources().contains(systemEnvironment)) {
                environment.getPropertySources().addAfter(systemEnvironment, source);
            } else {
                environment.getPropertySources().addLast(source);
            }
        }
        String address = environment.getProperty("timpani.address");
        if (address != null && !address.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource(ADDRESS_SOURCE, serverProperties(address)));
        }
        // Issue 21: gRPC is off unless asked for, and naming its port (--grpc-port, TIMPANI_OIP_GRPC_PORT) asks.
        // Last, so an explicit timpani.oip.grpc.enabled from any source still decides.
        if (hasText(environment.getProperty(GRPC_PORT)) && !hasText(environment.getProperty(GRPC_ENABLED))) {
            environment.getPropertySources().addLast(new MapPropertySource(GRPC_SOURCE, Map.of(GRPC_ENABLED, "true")));
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    static Map<String, Object> fromVariables(Map<String, Object> variables) {
        Map<String, Object> properties = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            Object value = variables.get(variable);
            if (value != null && !value.toString().isBlank()) {
                properties.put(property, value.toString());
            }
        });
        // R-CFG-9: runtime parameters keep their names exactly (brackets stop relaxed binding from changing them)
        // and their text as it is, even blank: checking it is the model's business (R-RTP-1).
        variables.forEach((variable, value) -> {
            if (variable.startsWith(RUNTIME_PARAMETER_PREFIX) && variable.length() > RUNTIME_PARAMETER_PREFIX.length()
                    && value != null) {
                properties.put("timpani.drum.runtime-parameters["
                        + variable.substring(RUNTIME_PARAMETER_PREFIX.length()) + "]", value.toString());
            }
        });
        Object classLabels = variables.get("CLASS_LABELS");
        if (classLabels != null && !classLabels.toString().isBlank()) {
            // DRUM splits the variable on white space, as its argument parser splits --class-labels.
            String[] labels = classLabels.toString().strip().split("\\s+");
            for (int i = 0; i < labels.length; i++) {
                properties.put("timpani.labels.class-labels[" + i + "]", labels[i]);
            }
        }
        return properties;
    }

    /** {@code host:port}, {@code :port}, {@code port} or {@code host} (R-CFG-4). */
    static Map<String, Object> serverProperties(String address) {
        String value = address.strip();
        int colon = value.lastIndexOf(':');
        Map<String, Object> properties = new LinkedHashMap<>();
        if (colon < 0) {
            properties.put(value.chars().allMatch(Character::isDigit) ? "server.port" : "server.address", value);
            return properties;
        }
        String host = value.substring(0, colon);
        String port = value.substring(colon + 1);
        if (!host.isEmpty()) {
            properties.put("server.address", host);
        }
        if (!port.isEmpty()) {
            properties.put("server.port", port);
        }
        return properties;
    }
}
