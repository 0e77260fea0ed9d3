package dev.timpani.oip.grpc;

import dev.timpani.config.GrpcAddress;
import dev.timpani.config.TimpaniProperties;
import dev.timpani.model.InFlightRequests;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import dev.timpani.oip.InferenceService;
import dev.timpani.oip.grpc.proto.GRPCInferenceServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.stereotype.Component;

/**
 * The Open Inference Protocol's gRPC service on a port of its own, when asked for ({@code timpani.oip.grpc.enabled},
 * or a {@code timpani.oip.grpc.port}, 8081 by default), beside the standard {@code grpc.health.v1.Health} service:
 * {@code ""} answers SERVING while the process is up (liveness), {@code inference.GRPCInferenceService} SERVING once
 * the model is ready and NOT_SERVING while it loads or after it failed (readiness).
 * <p>
 * gRPC's Netty classes take a fifth of a second to load and initialise, so the server is built and bound on a
 * thread of its own from the moment this bean exists, while the rest of the context starts; {@link #start()} waits
 * for it, so the application is still not started (nor ready) before the port listens, and a port in use still
 * fails the start.
 */
@Component
// A server's, never a headless command's (score, validation): those must not take a port.
@ConditionalOnWebApplication
// Off unless asked for (issue 21): a port nobody asked for must not stop a second server on the host from starting.
@ConditionalOnProperty(name = "timpani.oip.grpc.enabled", havingValue = "true")
public class GrpcServerLifecycle implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GrpcServerLifecycle.class);
    private static final String SERVICE = GRPCInferenceServiceGrpc.SERVICE_NAME;

    private final CompletableFuture<Server> server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ModelRegistry registry;
    private final InetSocketAddress address;
    private final ConfigurableEnvironment environment;
    private volatile boolean running;

    public GrpcServerLifecycle(InferenceService service, InFlightRequests inFlight, ModelRegistry registry,
                               TimpaniProperties properties, ConfigurableEnvironment environment) {
        this.registry = registry;
        this.environment = environment;
        TimpaniProperties.Grpc grpc = properties.oip().grpc();
        String host = grpc.host(environment.getProperty("server.address"));
        this.address = host == null ? new InetSocketAddress(grpc.port()) : new InetSocketAddress(host, grpc.port());
        this.server = new CompletableFuture<>();
        Thread starter = new Thread(() -> bind(service, inFlight, properties, grpc), "timpani-grpc-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void bind(InferenceService service, InFlightRequests inFlight, TimpaniProperties properties,
                      TimpaniProperties.Grpc grpc) {
        try {
            // Not serving inference until start() has run and the model is ready.
            health.setStatus(SERVICE, ServingStatus.NOT_SERVING);
            Server built = NettyServerBuilder.forAddress(address)
                    .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, grpc.maxMessageSize().toBytes()))
                    .addService(ServerInterceptors.intercept(new GrpcInferenceEndpoint(service, inFlight),
                            new ApiKeyInterceptor(properties.security())))
                    .addService(health.getHealthService())
                    .build();
            server.complete(built.start());
        } catch (IOException e) {
            server.completeExceptionally(new UncheckedIOException("The V2 gRPC service could not listen on "
                    + address + "; set timpani.oip.grpc.port to a free port, or timpani.oip.grpc.enabled=false", e));
        } catch (RuntimeException | Error e) {
            server.completeExceptionally(e);
        }
    }

    /** The port bound, once started (the chosen one when configured as 0). */
    public int port() {
        return server().getPort();
    }

    private Server server() {
        try {
            return server.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void start() {
        server();
        running = true;
        health.setStatus("", ServingStatus.SERVING);
        registry.loadEnded().thenAccept(state -> health.setStatus(SERVICE,
                state instanceof ModelState.Ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING));
        publishPort(port());
        log.debug("Open Inference Protocol gRPC service listening on {}:{}", address.getHostString(), port());
    }

    /** For /info/ and the start-up report, which say whether gRPC listens and where (the chosen port for 0). */
    private void publishPort(int port) {
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource ports;
        if (sources.get("server.ports") instanceof MapPropertySource existing) {
            ports = existing;
        } else {
            ports = new MapPropertySource("server.ports", new HashMap<>());
            sources.addFirst(ports);
        }
        ports.getSource().put(GrpcAddress.LOCAL_PORT_PROPERTY, port);
    }

    @Override
    public void stop() {
        running = false;
        health.enterTerminalState();
        Server server = server();
        server.shutdown();
        try {
            if (!server.awaitTermination(20, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A context that failed before {@link #start()} must not leave the port bound behind it. */
    @Override
    public void destroy() {
        server.thenAccept(Server::shutdownNow);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
