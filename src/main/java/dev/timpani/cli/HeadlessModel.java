package dev.timpani.cli;

import dev.timpani.TimpaniApplication;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import dev.timpani.model.Scorer;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The model loaded the way the server loads it (same loaders, same contract), without a web server: what the
 * batch commands score through.
 */
final class HeadlessModel implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private HeadlessModel(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Loads the model; a load failure is a {@link CommandFailedException} carrying the load error. */
    static HeadlessModel load(Map<String, Object> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TimpaniApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // One file, one request at a time: a second worker would only load the model again. No HTTP route
                // exists here, so a custom_flask.py (R-CFG-12) has nothing to guard, as in DRUM's batch commands.
                .properties(Map.of("logging.level.root", "off", "timpani.workers.count", "1",
                        "timpani.security.ignore-custom-flask", "true"))
                .properties(properties)
                .run();
        try {
            ModelState state = context.getBean(ModelRegistry.class).awaitLoaded();
            if (state instanceof ModelState.Failed failed) {
                throw new CommandFailedException(failed.message());
            }
            return new HeadlessModel(context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
            throw new CommandFailedException("Interrupted while loading the model");
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    Scorer scorer() {
        return context.getBean(Scorer.class);
    }

    ModelRegistry registry() {
        return context.getBean(ModelRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
