package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * R-CFG-6: without {@code --with-error-server} (or {@code --production}) a model that fails to load ends the
 * server with exit code 1, as DRUM does, so a container restarts and a CLI caller sees the failure; the registry
 * has already logged the load error (on stderr). Waits for the application to be ready, so that a failure during
 * start-up closes a fully built context.
 */
@Component
@ConditionalOnWebApplication
class LoadFailureExit implements ApplicationListener<ApplicationReadyEvent> {

    static final int EXIT_CODE = 1;

    private final ModelRegistry registry;
    private final TimpaniProperties properties;

    LoadFailureExit(ModelRegistry registry, TimpaniProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (properties.drum().staysUpOnLoadFailure()) {
            return;
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        registry.loadEnded().thenAccept(state -> {
            if (state instanceof ModelState.Failed) {
                // Not on the thread that completed the load (or the main thread): System.exit waits for the
                // shutdown hooks, which close this context.
                Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> EXIT_CODE)),
                        "timpani-load-failure-exit");
                exit.start();
            }
        });
    }
}
