package dev.timpani.model.params;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime parameters a model is started with (R-CFG-9, R-RTP-1), checked once at load for every kind of model:
 * the {@code MLOPS_RUNTIME_PARAM_<NAME>} variables of the environment, overridden by the values file
 * ({@code --runtime-params-file}) when one is given. The workers get them as those variables.
 *
 * <p>DRUM checks the two sources at different times, and so does this: a bad values file stops the start, while a
 * bad variable fails only when user code reads it ({@code RuntimeParameters.get}), with DRUM's message. Variables
 * are checked here all the same, so the message is written once, in Java, and handed to the worker.
 *
 * @param values   each parameter's JSON envelope {@code {"type": ..., "payload": ...}} by name, as the variable
 *                 holds it (a variable that failed its check keeps its text)
 * @param failures the variables that failed their check, by name: what reading them raises
 */
public record RuntimeParameters(Map<String, String> values, Map<String, Failure> failures) {

    /** The environment variable prefix DRUM reads runtime parameters from. */
    public static final String PREFIX = "MLOPS_RUNTIME_PARAM_";

    /** The variable that carries {@link #failures} to the Python worker's {@code datarobot_drum} shim. */
    public static final String FAILURES_VARIABLE = "TIMPANI_RUNTIME_PARAM_FAILURES";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Check ANY_ENVELOPE = ParameterType.anyEnvelope();

    /**
     * What reading a parameter raises: DRUM's exception class name ({@code InvalidJsonException},
     * {@code InvalidRuntimeParam}) and its message.
     */
    public record Failure(String exception, String message) {
    }

    public RuntimeParameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    public static RuntimeParameters none() {
        return new RuntimeParameters(Map.of(), Map.of());
    }

    /**
     * Checks the parameters.
     *
     * @param variables  the {@code MLOPS_RUNTIME_PARAM_*} variables by name without the prefix, as JSON text
     * @param valuesFile the values file, or null
     * @param codeDir    the model folder whose {@code model-metadata.yaml} defines the parameters of a values file
     * @throws RuntimeParameterException when the values file or the definitions fail DRUM's checks
     */
    public static RuntimeParameters resolve(Map<String, String> variables, Path valuesFile, Path codeDir) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Failure> failures = new LinkedHashMap<>();
        variables.forEach((name, text) -> {
            values.put(name, text);
            checkVariable(text).ifPresent(failure -> failures.put(name, failure));
        });
        if (valuesFile != null) {
            ValuesFile.read(valuesFile, codeDir).forEach((name, envelope) -> {
                values.put(name, JSON.writeValueAsString(envelope));
                failures.remove(name);
            });
        }
        return new RuntimeParameters(values, failures);
    }

    /** DRUM's {@code RuntimeParameters.get} checks of one variable's text. */
    static Optional<Failure> checkVariable(String text) {
        Object envelope;
        try {
            envelope = JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            return Optional.of(new Failure("InvalidJsonException",
                    "Invalid runtime parameter json payload. payload=" + text));
        }
        return ANY_ENVELOPE.check(envelope).map(error -> new Failure("InvalidRuntimeParam",
                "Invalid runtime parameter! env_value=" + PythonRepr.of(envelope) + ", exception: " + error.text()
                        + ", "));
    }

    /** The variables a worker process needs: one per parameter, and the failures for the shim to raise. */
    public Map<String, String> workerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        values.forEach((name, envelope) -> environment.put(PREFIX + name, envelope));
        if (!failures.isEmpty()) {
            environment.put(FAILURES_VARIABLE, JSON.writeValueAsString(failures));
        }
        return environment;
    }
}
