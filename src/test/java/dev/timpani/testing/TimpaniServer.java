package dev.timpani.testing;

import dev.timpani.TimpaniApplication;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * The whole server on a random port, as a test's resource: started with properties (what DRUM's flags map to)
 * and, optionally, a stand-in process environment (what a container sets), then waited for until the model has
 * loaded or failed.
 */
public final class TimpaniServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpTestClient client;

    private TimpaniServer(ConfigurableApplicationContext context, String baseUrl) {
        this.context = context;
        this.client = new HttpTestClient(baseUrl);
    }

    public static TimpaniServer start(Map<String, String> properties) {
        return start(properties, Map.of());
    }

    public static TimpaniServer start(Map<String, String> properties, Map<String, Object> environmentVariables) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putIfAbsent("server.port", "0");
        all.putIfAbsent("server.address", "127.0.0.1");
        all.putIfAbsent("logging.level.root", "warn");
        // Hook workers: the interpreter with Debian's pandas / scikit-learn, whatever comes first on PATH.
        all.putIfAbsent("timpani.workers.python", PythonSupport.python());
        all.putIfAbsent("timpani.workers.rscript", RSupport.RSCRIPT);
        all.putIfAbsent("timpani.workers.count", "1");
        // In the test's own JVM a load failure must leave the server up in the 513 state: without the error server
        // it would end the process (R-CFG-6), which the packaged-jar tests check.
        all.putIfAbsent("timpani.drum.with-error-server", "true");
        SpringApplication application = new SpringApplicationBuilder(TimpaniApplication.class)
                .environment(new FakeEnvironment(environmentVariables))
                .build();
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = application.run(args);
        String port = context.getEnvironment().getProperty("local.server.port");
        TimpaniServer server = new TimpaniServer(context, "http://127.0.0.1:" + port);
        server.awaitLoaded(Duration.ofMinutes(2));
        return server;
    }

    public HttpTestClient http() {
        return client;
    }

    /** A bean of the running server, for tests that check wiring against what HTTP shows. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every bean of the type, by name; empty when the wiring left it out. */
    public <T> java.util.Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public ModelState modelState() {
        return context.getBean(ModelRegistry.class).state();
    }

    private void awaitLoaded(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (modelState() instanceof ModelState.Loading) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The model did not load within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** A process environment of the test's choosing, so DRUM's variables can be tested in-process. */
    private static final class FakeEnvironment extends StandardEnvironment {

        private final Map<String, Object> variables;

        FakeEnvironment(Map<String, Object> variables) {
            this.variables = variables;
        }

        @Override
        public Map<String, Object> getSystemEnvironment() {
            return variables == null ? Map.of() : variables;
        }
    }
}
