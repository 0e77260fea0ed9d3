package dev.timpani.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * The training run of a start-up cache ({@code -Dtimpani.training-run=true}: {@code bin/timpani}'s first run and
 * the Docker build). Once the server is ready it sends the routes a client calls first their requests over
 * loopback (status routes, then the embedded example's rows as csv and as a multipart upload), then exits; the JVM
 * writes the AOT cache or CDS archive as it exits.
 *
 * <p>Exiting as soon as the context was refreshed left out everything a request loads: Spring MVC's dispatching,
 * the message converters, the csv reader and JSON writer. Those classes then came from the jars on the first
 * request, which is the one a readiness probe makes.
 */
final class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    static final String PROPERTY = "timpani.training-run";

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final Duration MODEL_WAIT = Duration.ofMinutes(2);
    private static final String EXAMPLE_INPUT = "timpani/examples/xgboost-regression/input.csv";

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (!(context instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://127.0.0.1:" + web.getWebServer().getPort()
                + context.getEnvironment().getProperty("timpani.url-prefix", "");
        Thread run = new Thread(() -> {
            int exit = 0;
            try {
                exercise(base);
            } catch (IOException | RuntimeException e) {
                log.warn("Training run: {}", e.getMessage());
                exit = 1;
            } finally {
                exit = Math.max(exit, SpringApplication.exit(context));
            }
            System.exit(exit);
        }, "timpani-training-run");
        run.start();
    }

    private static void exercise(String base) throws IOException {
        awaitModel(base);
        byte[] rows = new ClassPathResource(EXAMPLE_INPUT).getContentAsByteArray();
        for (String route : new String[] {"/", "/ping/", "/health/", "/info/", "/capabilities/", "/stats/"}) {
            call(base + route, null, null);
        }
        call(base + "/predict/", "text/csv; charset=utf-8", rows);
        call(base + "/predictions/", "text/csv; charset=utf-8", rows);
        String boundary = "timpani-training-run";
        byte[] multipart = multipart(boundary, rows);
        call(base + "/predict/", "multipart/form-data; boundary=" + boundary, multipart);
    }

    private static void awaitModel(String base) throws IOException {
        Instant deadline = Instant.now().plus(MODEL_WAIT);
        while (call(base + "/health/", null, null) != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the model was not ready within " + MODEL_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the model", e);
            }
        }
    }

    private static byte[] multipart(String boundary, byte[] rows) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"X\"; filename=\"input.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[headBytes.length + rows.length + tailBytes.length];
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(rows, 0, body, headBytes.length, rows.length);
        System.arraycopy(tailBytes, 0, body, headBytes.length + rows.length, tailBytes.length);
        return body;
    }

    /** One request; the status code, the body read and dropped. */
    private static int call(String url, String contentType, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(60_000);
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        } catch (IOException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        } finally {
            connection.disconnect();
        }
    }
}
