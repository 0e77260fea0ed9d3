package dev.timpani.config;

import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Where the V2 gRPC service listens, read back from the port it published once bound, so that {@code /info/} and
 * the start-up report say whether it listens and where (issue 21: it is off unless asked for).
 *
 * @param host the interface bound; {@code 0.0.0.0} for every interface
 * @param port the port bound (the one chosen when {@code timpani.oip.grpc.port} is 0)
 */
public record GrpcAddress(String host, int port) {

    /** Published by the gRPC service once bound, as Spring Boot publishes {@code local.server.port}. */
    public static final String LOCAL_PORT_PROPERTY = "local.grpc.port";

    /** Empty while the service does not listen: off, or not started yet. */
    public static Optional<GrpcAddress> of(TimpaniProperties properties, Environment environment) {
        Integer port = environment.getProperty(LOCAL_PORT_PROPERTY, Integer.class);
        if (port == null) {
            return Optional.empty();
        }
        String host = properties.oip().grpc().host(environment.getProperty("server.address"));
        return Optional.of(new GrpcAddress(host == null ? "0.0.0.0" : host, port));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
