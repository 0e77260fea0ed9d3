package dev.timpani.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything Timpani can be told, as one immutable tree. DRUM's flags ({@code cli}) and DRUM's environment
 * variables ({@link DrumEnvironmentPostProcessor}) both land here, so the rest of the code reads one source.
 *
 * @param codeDir        the model folder (R-CFG-1); absent: the embedded example model
 * @param targetType     DRUM's target type name (R-CFG-2), checked when the model loads
 * @param labels         class labels (R-CFG-3)
 * @param language       DRUM's {@code --language} (python, r, java): the runtime to serve a folder with where its
 *                       files allow several (R-CLI-10); absent: detected from the folder's files
 * @param address        {@code host:port} to listen on (R-CFG-4), mapped onto {@code server.*}
 * @param urlPrefix      prefix of every DRUM route (R-CFG-13)
 * @param maxPayloadSize largest request body accepted (413 beyond it)
 * @param engine         native engine settings for in-process loaders
 * @param workers        the pool of hook worker processes (Python, R)
 * @param pickles        how drop-in scikit-learn / XGBoost pickles are served
 * @param limits         bounds on one request and on concurrent requests (R-ERR-2, R-ERR-5)
 * @param security       optional API key for the scoring routes
 */
@ConfigurationProperties(prefix = "timpani", ignoreUnknownFields = false)
public record TimpaniProperties(
        Path codeDir,
        String targetType,
        @DefaultValue Labels labels,
        String language,
        String address,
        @DefaultValue("") String urlPrefix,
        @DefaultValue("1GB") DataSize maxPayloadSize,
        @DefaultValue Engine engine,
        @DefaultValue Drum drum,
        @DefaultValue Workers workers,
        @DefaultValue Pickles pickles,
        @DefaultValue Limits limits,
        @DefaultValue Security security,
        @DefaultValue Oip oip) {

    /**
     * The Open Inference Protocol (KServe V2) beside DRUM's routes: REST under {@code /v2} on the HTTP port, and
     * gRPC on a port of its own.
     *
     * @param modelName    the model's name in V2 routes and messages; absent: the code dir's folder name
     * @param modelVersion the one version V2 requests may name; absent: the model has no version, and a request
     *                     naming one is answered 404
     * @param grpc         the V2 gRPC service
     */
    public record Oip(String modelName, String modelVersion, @DefaultValue Grpc grpc) {
    }

    /**
     * The V2 gRPC service listens only when asked (issue 21): a second port the user never named must not stop a
     * second server on the same host from starting, as DRUM's own command line starts one per {@code --address}.
     * Giving a port ({@code --grpc-port}, {@code timpani.oip.grpc.port}) asks for it too
     * ({@link DrumEnvironmentPostProcessor}); {@code enabled=false} wins over a port.
     *
     * @param enabled        whether to serve V2 over gRPC at all
     * @param port           the gRPC port; 0 picks a free one
     * @param address        the interface to bind; absent: {@code server.address}, else every interface
     * @param maxMessageSize the largest request message accepted
     */
    public record Grpc(@DefaultValue("false") boolean enabled, @DefaultValue("8081") int port, String address,
                       @DefaultValue("1GB") DataSize maxMessageSize) {

        /** The interface to bind: {@code address}, else the HTTP server's, else null for every interface. */
        public String host(String serverAddress) {
            String host = address != null && !address.isBlank() ? address : serverAddress;
            return host == null || host.isBlank() ? null : host;
        }
    }

    /**
     * Bounds that keep one client from taking the server down.
     *
     * @param maxRows        most rows a parsed request may hold (413 beyond it, R-ERR-2)
     * @param maxColumns     most columns a parsed request may hold (413 beyond it, R-ERR-2)
     * @param requestTimeout longest in-process (JVM-native) scoring of one request; zero: no limit (503, R-ERR-5)
     * @param maxInFlight    most scoring requests (POST routes) handled at once; beyond it 503 (R-ERR-5)
     */
    public record Limits(@DefaultValue("1000000") int maxRows, @DefaultValue("10000") int maxColumns,
                         @DefaultValue("0s") Duration requestTimeout, @DefaultValue("256") int maxInFlight) {
    }

    /**
     * @param apiKey             when set, every POST route (scoring, unstructured, transform, chat) needs
     *                           {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; status routes stay
     *                           open
     * @param ignoreCustomFlask  serve a code dir that has a {@code custom_flask.py} without it (R-CFG-12). Off by
     *                           default: that file usually adds authentication to DRUM's Flask app, which a JVM
     *                           server cannot run, so serving the folder silently would serve it unprotected
     */
    public record Security(String apiKey, @DefaultValue("false") boolean ignoreCustomFlask) {

        public boolean enabled() {
            return apiKey != null && !apiKey.isEmpty();
        }

        /**
         * Whether the key a client gave is the configured one. Compares digests, so the time taken depends on neither
         * key's length nor content; shared by the HTTP filter and the gRPC interceptor.
         */
        public boolean accepts(String given) {
            return enabled() && given != null
                    && java.security.MessageDigest.isEqual(digest(apiKey), digest(given));
        }

        private static byte[] digest(String key) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /** The start-up report logs the configuration: whether a key is set, never the key. */
        @Override
        public String toString() {
            return "Security[apiKey=" + (enabled() ? "(set)" : "(unset)") + ", ignoreCustomFlask=" + ignoreCustomFlask
                    + "]";
        }
    }

    /** R-OUT-10: either a positive/negative pair, a list, or a file of one label per line. */
    public record Labels(String positive, String negative, List<String> classLabels, Path classLabelsFile) {
    }

    /**
     * @param threads  intra-op threads per native engine: one by default, since request-sized batches gain
     *                 nothing from more and concurrent requests already use every core
     * @param warmUp   score one synthetic row before reporting ready
     * @param batching micro-batching of concurrent small requests, for engines that score a batch faster than
     *                 its rows one by one
     * @param trustUnprovenVersions score in the JVM a model written by a library version the exactness proof
     *                 does not cover, when the family is proven on another version of that library; off by default,
     *                 since a version nobody compared may score differently (XGBoost 3 changed base_score)
     */
    public record Engine(@DefaultValue("1") int threads, @DefaultValue("true") boolean warmUp,
                         @DefaultValue Batching batching, @DefaultValue("false") boolean trustUnprovenVersions) {
    }

    /**
     * Micro-batching (issue 7): concurrent small requests to a model that scores a batch faster than its rows one
     * by one (XGBoost, ONNX, TorchScript) are scored as one batch and split back. Batches form only while every
     * lane is busy, so a lone request never waits.
     *
     * @param enabled whether to batch at all. On by default, with no window: measured on the XGBoost example
     *                (bench/README.md, "Micro-batching"), 1-row requests went from 2,549 to 4,305 req/s at 16
     *                connections (p99 65 -> 17 ms) and 3,344 to 3,848 at 4, and a lone connection neither gained
     *                nor lost (it never waits); 1000-row requests are not batched and did not change
     * @param lanes   batches scored at once; zero: the number of cores. Fewer lanes make larger batches
     * @param maxRows most rows in one batch; a request of this many rows or more is scored on its own, since it
     *                already amortises the engine's per-call cost (joining 1000-row requests measured no gain)
     * @param window  how long a lane holder waits for more requests before scoring a batch that is not full; zero:
     *                it scores what is waiting at once
     */
    public record Batching(@DefaultValue("true") boolean enabled, @DefaultValue("0") int lanes,
                           @DefaultValue("256") int maxRows, @DefaultValue("0s") Duration window) {

        public Batching {
            if (lanes < 0) {
                throw new IllegalArgumentException("timpani.engine.batching.lanes must be zero (the cores) or more: "
                        + lanes);
            }
            if (maxRows < 1) {
                throw new IllegalArgumentException("timpani.engine.batching.max-rows must be positive: " + maxRows);
            }
            if (window == null || window.isNegative()) {
                throw new IllegalArgumentException("timpani.engine.batching.window must not be negative: " + window);
            }
        }

        /** The lanes to open: {@code lanes}, else the cores. */
        public int effectiveLanes() {
            return lanes > 0 ? lanes : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * DRUM flags Timpani accepts for compatibility (R-CFG-5..12) and reports in the start-up log.
     *
     * @param withErrorServer after a load failure, stay up answering 513 (R-CFG-6); without it the server exits
     *                        non-zero, as DRUM does
     * @param production      DRUM's production mode, which also keeps the error server up
     * @param version         the DRUM release whose contract is served, reported as {@code drumVersion} on
     *                        {@code /info/} (R-ROUTE-3); a deployment can state the version its clients expect
     * @param runtimeParamsFile  DRUM's {@code --runtime-params-file} (R-CFG-9)
     * @param runtimeParameters  the {@code MLOPS_RUNTIME_PARAM_<NAME>} variables by name, as JSON text (R-CFG-9)
     * @param deploymentConfig   DRUM's {@code --deployment-config}: answer in the Portable Prediction Server shape
     */
    public record Drum(Integer maxWorkers, @DefaultValue("false") boolean withErrorServer,
                       @DefaultValue("false") boolean showStacktrace, @DefaultValue("false") boolean production,
                       Path runtimeParamsFile, @DefaultValue("false") boolean monitor,
                       @DefaultValue("1.17.20.post1") String version,
                       Map<String, String> runtimeParameters, Path deploymentConfig) {

        public Drum {
            runtimeParameters = runtimeParameters == null ? Map.of() : Map.copyOf(runtimeParameters);
        }

        /** Whether a load failure leaves the server up in the 513 error state rather than ending the process. */
        public boolean staysUpOnLoadFailure() {
            return withErrorServer || production;
        }

        /** Runtime parameters carry credentials: their names only, should this ever be logged. */
        @Override
        public String toString() {
            return "Drum[maxWorkers=" + maxWorkers + ", withErrorServer=" + withErrorServer + ", showStacktrace="
                    + showStacktrace + ", production=" + production + ", runtimeParamsFile=" + runtimeParamsFile
                    + ", monitor=" + monitor + ", version=" + version + ", runtimeParameters=" + new java.util.TreeSet<>(
                            runtimeParameters.keySet()) + ", deploymentConfig=" + deploymentConfig + "]";
        }
    }

    /**
     * The hook worker pool: long-lived interpreter processes serving {@code custom.py} hooks and the Python
     * artifacts (pickles, {@code .pth}, {@code .h5}), or {@code custom.R} hooks and {@code .rds} models.
     *
     * @param count          workers in the pool; absent: DRUM's {@code --max-workers} / {@code MAX_WORKERS} when
     *                       set, else the number of cores
     * @param python         the Python interpreter to start Python workers with
     * @param rscript        R's {@code Rscript} to start R workers with
     * @param queueSize      requests that may wait for a free worker; beyond that the answer is 503
     * @param requestTimeout longest a request may wait for a worker plus run in it; a worker past it is killed
     *                       and replaced, and the request gets a 500
     * @param startTimeout   longest a worker may take to start and run {@code init} / {@code load_model}
     */
    public record Workers(Integer count, @DefaultValue("python3") String python,
                          @DefaultValue("Rscript") String rscript,
                          @DefaultValue("256") int queueSize, @DefaultValue("60s") Duration requestTimeout,
                          @DefaultValue("10m") Duration startTimeout) {

        /** The number of workers to start: {@code count}, else {@code maxWorkers}, else the cores. */
        public int effectiveCount(Integer maxWorkers) {
            if (count != null && count > 0) {
                return count;
            }
            if (maxWorkers != null && maxWorkers > 0) {
                return maxWorkers;
            }
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param inJvm score a drop-in pickle (no {@code custom.py}) inside the JVM when its estimator is on the
     *              allow-list of families proven exact; false: every pickle goes to the Python workers
     */
    public record Pickles(@DefaultValue("true") boolean inJvm) {
    }

    /** The prefix normalised to {@code /a/b} form, or empty. */
    public String normalizedUrlPrefix() {
        return UrlPrefix.normalize(urlPrefix);
    }
}
