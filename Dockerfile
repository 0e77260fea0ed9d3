# Timpani container image.
#
#   docker build -t timpani .                                  # JVM-native models (PMML, XGBoost, ...)
#   docker build -t timpani-python --build-arg WITH_PYTHON=true .   # + a Python venv for custom.py hook models
#   docker build -t timpani-fraud --build-arg WITH_PYTHON=true --build-arg MODEL_DIR=models/fraud .
#                                                              # + the requirements.txt of a model folder
#   docker run -v "$PWD/model:/opt/code" -e TARGET_TYPE=regression -p 8080:8080 timpani
#
# Extra arguments after the image name are passed to `server` as DRUM flags, e.g.
#   docker run -v "$PWD/model:/opt/code" timpani --target-type binary --positive-class-label yes --negative-class-label no

# true: add a Python venv for hook models (custom.py) and the pickles the JVM does not take, with the pinned base of
# deploy/python/base-requirements.txt (DRUM's python3_sklearn environment: scikit-learn, pandas, numpy, scipy,
# joblib); false: JVM only.
ARG WITH_PYTHON=false
# With WITH_PYTHON=true: a model folder inside the build context whose requirements.txt is installed on top of the
# base (DRUM's convention); empty: none. Only its requirements.txt goes into the image: the folder is still mounted
# at /opt/code, or copied there by a model image built FROM this one.
ARG MODEL_DIR=

# ---- 1. build: the jar, with the Maven wrapper -------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# Wrapper and POM first: the dependency layer is rebuilt only when one of these changes, not on every source edit.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B dependency:go-offline
# The sources, the example model the jar embeds as its default, and the OpenAPI document it serves
# (see <resources> in pom.xml).
COPY src src
COPY examples examples
COPY openapi openapi
RUN ./mvnw -B -DskipTests package
# The extracted layout (bench/README.md, "Start-up"): the application's own timpani.jar, whose manifest names the
# plain jars of lib/ beside it, so the JDK's class loader reads them directly instead of Spring Boot's nested-jar
# loader, and an AOT cache can cover them. One directory per layer, for Docker's cache.
RUN java -Djarmode=tools -jar target/timpani.jar extract --layers --destination target/extracted

# ---- 2. runtime: a JDK, not a JRE: the H2O POJO loader compiles Java at load time -------------------------------
# Java 25, though the project builds and tests on 17: its AOT cache (JEP 483/514, below) loads and links the classes
# of a start-up ahead of time, which took the example's start-up to /health/ from ~5 s to ~2.3 s (bench/README.md,
# "Start-up"), at or below DRUM's. The jar is Java 17 bytecode and runs unchanged.
FROM eclipse-temurin:25-jdk AS runtime
ARG WITH_PYTHON
ARG MODEL_DIR
# libgomp1: the OpenMP runtime XGBoost4J's native library (and LightGBM's, in the venv) links against. With
# WITH_PYTHON=true also the distribution's Python 3 and its venv module; the libraries go into the venv below,
# never from the distribution's archive, whose versions are not the ones models are made with.
RUN case "$WITH_PYTHON" in \
        true) python="python3 python3-venv" ;; \
        false) python="" ;; \
        *) echo "WITH_PYTHON must be true or false, not '$WITH_PYTHON'" >&2; exit 1 ;; \
    esac \
    && apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 $python \
    && rm -rf /var/lib/apt/lists/*
# A fixed, unprivileged uid/gid, matching runAsUser in the Helm chart.
RUN groupadd --system --gid 10001 timpani \
    && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
       --shell /usr/sbin/nologin timpani \
    && mkdir -p /opt/code
WORKDIR /opt/timpani
# The Python side, before the application so that its (large) layer is reused across builds: the install script,
# its pinned base and, with MODEL_DIR, that folder's requirements.txt (without MODEL_DIR the pattern matches nothing,
# which COPY skips). The script stays in the image for model images built FROM this one (README, "Build the image").
COPY deploy/python/python-env.sh deploy/python/base-requirements.txt ./${MODEL_DIR}/requirements.tx[t] \
     /opt/timpani/python/
RUN if [ -n "$MODEL_DIR" ] && [ ! -f /opt/timpani/python/requirements.txt ]; then \
        echo "MODEL_DIR=$MODEL_DIR has no requirements.txt inside the build context" >&2; exit 1; \
    fi \
    && case "$WITH_PYTHON" in \
        true) /opt/timpani/python/python-env.sh /opt/timpani/venv /opt/timpani/python ;; \
        *) if [ -n "$MODEL_DIR" ]; then echo "MODEL_DIR needs WITH_PYTHON=true" >&2; exit 1; fi ;; \
    esac
# Libraries first: they change less often than the application, so their (large) layer is reused.
COPY --from=build /build/target/extracted/dependencies/ /opt/timpani/
COPY --from=build /build/target/extracted/snapshot-dependencies/ /opt/timpani/
COPY --from=build /build/target/extracted/application/ /opt/timpani/
# CODE_DIR: the model folder is mounted there (docker -v, or a volume in Kubernetes).
# TIMPANI_WORKERS_PYTHON: the interpreter of the hook workers (timpani.workers.python), the venv's; it exists only
# with WITH_PYTHON=true.
# TIMPANI_OIP_GRPC_ENABLED: the V2 gRPC service on 8081 (EXPOSEd below). A server started outside the image binds
# no gRPC port unless asked; the image, like KServe, asks (the Helm chart sets it from grpc.enabled).
# HOME=/tmp: with a read-only root filesystem /tmp is the one writable place, for the JVM's temporary files and
# Python libraries' caches alike.
# JAVA_OPTS (measured in bench/README.md): the heap follows the container's memory limit (MaxRAMPercentage); the
# serial collector, a 64 MB code cache and 512 KB thread stacks keep the resident set small at equal throughput
# (request garbage is short-lived, a prediction server needs no concurrent collector). MALLOC_ARENA_MAX=2 stops
# glibc from growing one malloc arena per thread for the native engines (XGBoost, ONNX Runtime, Arrow).
# Small models fit a 300 MB footprint with -Xmx128m -Xmn64m in place of MaxRAMPercentage.
ENV CODE_DIR=/opt/code \
    ADDRESS=0.0.0.0:8080 \
    WITH_ERROR_SERVER=true \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -Djava.io.tmpdir=/tmp" \
    MALLOC_ARENA_MAX=2 \
    TIMPANI_WORKERS_PYTHON=/opt/timpani/venv/bin/python \
    TIMPANI_OIP_GRPC_ENABLED=true \
    HOME=/tmp
# An AOT cache of every class a start-up and the first requests load, loaded and linked (the training run: once
# ready the server sends itself a client's first requests, status routes and predictions, then the JVM exits and
# writes the cache), made with the image's own JVM, JAVA_OPTS and jar path, which the cache must match. It serves the embedded example (CODE_DIR empty), so the XGBoost loader's classes are in it
# too. The ENTRYPOINT always uses it; a JVM that cannot (say, other options in JAVA_OPTS) starts without it. /tmp is
# emptied of what the run left there (the example's copy, Tomcat's work directories).
RUN CODE_DIR= java -XX:AOTCacheOutput=/opt/timpani/timpani.aot -Dtimpani.training-run=true \
        $JAVA_OPTS -jar /opt/timpani/timpani.jar server --address 127.0.0.1:0 --timpani.oip.grpc.port=0 \
        --logging-level warning \
    && test -s /opt/timpani/timpani.aot \
    && rm -rf /tmp/*
EXPOSE 8080
# The Open Inference Protocol's gRPC service (timpani.oip.grpc.port).
EXPOSE 8081
USER 10001:10001
# No HEALTHCHECK: the image has no curl, and Kubernetes uses its own probes (see helm/timpani).
# `exec` makes the JVM PID 1, so it receives SIGTERM and shuts down gracefully; "$@" appends `docker run` arguments.
ENTRYPOINT ["sh", "-c", "exec java -XX:AOTCache=/opt/timpani/timpani.aot $JAVA_OPTS -jar /opt/timpani/timpani.jar server \"$@\"", "timpani"]
