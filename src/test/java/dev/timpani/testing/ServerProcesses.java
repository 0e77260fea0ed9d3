package dev.timpani.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** For tests that start the packaged server as a process of its own: a port to give it, and waiting for it. */
public final class ServerProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ServerProcesses() {
    }

    /** A port free right now on loopback. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until {@code path} answers 200 on {@code port}; fails with the server's log if the process exits or
     * the timeout passes first.
     */
    public static void awaitHealthy(Process server, int port, String path, Path log, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("The server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not healthy within " + timeout.toSeconds() + " s: " + Files.readString(log));
    }
}
