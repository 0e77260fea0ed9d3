package dev.timpani.cli;

import dev.timpani.TimpaniApplication;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.TargetType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perf-test} (R-CLI-2): starts the server in-process (or targets one with {@code --url}), sends csv
 * requests of growing row counts at growing concurrency, and prints a table of latency, throughput and the
 * server's memory, as DRUM's {@code drum perf-test} does.
 */
@Command(name = "perf-test", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Measure the model's latency and throughput over HTTP (DRUM's `drum perf-test`).")
class PerfTestCommand implements Callable<Integer> {

    private static final Pattern RSS = Pattern.compile("\"drum_rss\"\\s*:\\s*([0-9.]+)");

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = "--input", required = true, description = "Input csv whose rows make the payloads; an mtx file "
            + "or, for unstructured models, any file is sent whole")
    Path input;

    @Option(names = "--content-type", description = "Unstructured models: the payload's Content-Type "
            + "(default: text/plain; charset=utf-8)")
    String contentType;

    @Option(names = "--query", description = "Unstructured models: query string sent with each request, e.g. 'a=1'")
    String query;

    @Option(names = "--url", description = "A running server to test instead of starting one, e.g. http://host:8080")
    String url;

    @Option(names = {"-s", "--samples"}, split = ",", defaultValue = "1,10,100,1000",
            description = "Payload sizes in rows (default: ${DEFAULT-VALUE})")
    int[] samples;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4",
            description = "Concurrent connections (default: ${DEFAULT-VALUE})")
    int[] concurrency;

    @Option(names = {"-i", "--iterations"}, defaultValue = "100", description = "Requests per table row (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds one request may take (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    record Measurement(int rows, int connections, int requests, int failures, double meanMs, double p50Ms,
                       double p99Ms, double rowsPerSecond, Double serverRssMb) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandFailedException("--input " + input + ": no such file");
        }
        ConfigurableApplicationContext server = url == null ? startServer() : null;
        try {
            String base = url != null ? stripSlash(url)
                    : "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            Requests requests = requests(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<Measurement> table = new ArrayList<>();
            for (int rows : requests.sizes()) {
                byte[] payload = requests.payload(rows);
                send(http, base, requests, payload, 1, Math.min(iterations, 10)); // warm-up, not reported
                for (int connections : concurrency) {
                    table.add(send(http, base, requests, payload, connections, iterations).withRows(rows));
                }
            }
            print(table);
            return table.stream().allMatch(m -> m.failures() == 0) ? 0 : 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * What one request carries, by the served model's target type (as the server routes it): csv rows to
     * {@code /predict/} at growing sizes; an mtx file, or any file for an unstructured model, sent whole.
     */
    private record Requests(String route, String contentType, List<String> csvLines, byte[] whole, int[] sizes) {

        byte[] payload(int rows) {
            return whole != null ? whole : PerfTestCommand.payload(csvLines, rows);
        }
    }

    private Requests requests(ConfigurableApplicationContext server) throws IOException {
        TargetType targetType = server != null
                ? server.getBean(ModelRegistry.class).require().targetType()
                : model.targetType == null ? null : TargetType.parse(model.targetType);
        String suffix = query == null || query.isBlank() ? "" : "?" + query;
        if (targetType == TargetType.UNSTRUCTURED) {
            String type = contentType == null ? "text/plain; charset=utf-8" : contentType;
            return new Requests("/predictUnstructured/" + suffix, type, null, Files.readAllBytes(input), new int[] {1});
        }
        if (input.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mtx")) {
            byte[] mtx = Files.readAllBytes(input);
            return new Requests("/predict/", "text/mtx", null, mtx, new int[] {matrixRows(mtx)});
        }
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            throw new CommandFailedException("--input " + input + " has no data rows");
        }
        return new Requests("/predict/", "text/csv", lines, null, samples);
    }

    /** The row count of a MatrixMarket file: the first number of its size line. */
    private static int matrixRows(byte[] mtx) {
        for (String line : new String(mtx, StandardCharsets.UTF_8).split("\n", 64)) {
            if (!line.startsWith("%") && !line.isBlank()) {
                return Integer.parseInt(line.strip().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private ConfigurableApplicationContext startServer() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(model.properties());
        properties.putAll(runtime.properties());
        properties.put("logging.level.root", "off");
        properties.putAll(common.properties());
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        // It measures DRUM's HTTP route; a V2 gRPC port would only risk clashing with a server already running.
        properties.put("timpani.oip.grpc.enabled", "false");
        // A load failure is this command's to report (below, exit code 1); the server must not end the JVM itself.
        properties.put("timpani.drum.with-error-server", "true");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TimpaniApplication.class)
                .logStartupInfo(false).properties(properties).run();
        try {
            var state = context.getBean(dev.timpani.model.ModelRegistry.class).awaitLoaded();
            if (state instanceof dev.timpani.model.ModelState.Failed failed) {
                context.close();
                throw new CommandFailedException(failed.message());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
            throw new CommandFailedException("Interrupted while loading the model");
        }
        return context;
    }

    private MeasurementBuilder send(HttpClient http, String base, Requests shape, byte[] payload, int connections,
                                    int requests) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + shape.route()))
                .timeout(Duration.ofSeconds(timeoutSeconds)).header("Content-Type", shape.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MeasurementBuilder(connections, requests, failures.get(), latencies, seconds, serverRss(http, base));
    }

    /** What the server says of its own memory (R-ROUTE-5), so a remote server is measured too. */
    private Double serverRss(HttpClient http, String base) {
        try {
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(base + "/stats/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher rss = RSS.matcher(stats.body());
            return rss.find() ? Double.parseDouble(rss.group(1)) : null;
        } catch (IOException | InterruptedException | RuntimeException unavailable) {
            return null;
        }
    }

    private record MeasurementBuilder(int connections, int requests, int failures, long[] latencies, double seconds,
                                      Double rssMb) {
        Measurement withRows(int rows) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            return new Measurement(rows, connections, requests, failures, mean, percentile(sorted, 50) / 1e6,
                    percentile(sorted, 99) / 1e6, rows * (requests - failures) / seconds, rssMb);
        }

        private static double percentile(long[] sorted, int percent) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** {@code rows} data rows: the input's rows repeated as often as needed, under its header. */
    static byte[] payload(List<String> lines, int rows) {
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        List<String> data = lines.subList(1, lines.size()).stream().filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < rows; i++) {
            csv.append(data.get(i % data.size())).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void print(List<Measurement> table) {
        System.out.printf("%8s %6s %9s %9s %10s %10s %10s %14s %12s%n", "rows", "conns", "requests", "failed",
                "mean ms", "p50 ms", "p99 ms", "rows/s", "server MB");
        for (Measurement m : table) {
            System.out.printf("%8d %6d %9d %9d %10.3f %10.3f %10.3f %14.0f %12s%n", m.rows(), m.connections(),
                    m.requests(), m.failures(), m.meanMs(), m.p50Ms(), m.p99Ms(), m.rowsPerSecond(),
                    m.serverRssMb() == null ? "-" : String.format("%.1f", m.serverRssMb()));
        }
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
