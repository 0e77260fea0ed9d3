package dev.timpani.oip.grpc;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.oip.grpc.proto.GRPCInferenceServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * {@code timpani.security.api-key} on {@code ModelInfer}, as on REST's POST routes: {@code authorization: Bearer
 * <key>} or {@code x-api-key: <key>} metadata; health and metadata calls stay open for probes.
 */
final class ApiKeyInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final TimpaniProperties.Security security;

    ApiKeyInterceptor(TimpaniProperties.Security security) {
        this.security = security;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!security.enabled()
                || !GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName()
                        .equals(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String given = givenKey(headers);
        if (given == null || !security.accepts(given)) {
            call.close(Status.UNAUTHENTICATED.withDescription(given == null
                    ? "Missing API key: send authorization: Bearer <key> or x-api-key: <key> metadata"
                    : "Invalid API key"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }

    private static String givenKey(Metadata headers) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return headers.get(API_KEY);
    }
}
