# syntax=docker/dockerfile:1
#
# Switchboard container image: docker build -t switchboard:0.1.0 .
#
# There is no .dockerignore because the repository's top level is fixed (pom.xml, src, helm, config,
# README.md, Dockerfile, .ci). Instead every COPY below names exactly what it needs, so target/,
# data/, logs/ and the chart never reach the image whatever the build context holds.

# ---- Build: compile, package the Boot jar, split it into layers --------------------------------
# Base images are fully qualified (podman and CRI-O refuse short names) and pinned by the digest of
# their multi-platform index, so a rebuild uses the same bytes until someone moves the pin on
# purpose. Both digests are the Docker Official Images' indexes for Maven 3.9.16 / Temurin 17.0.20,
# as recorded in public pins; they were not resolved from the machine that wrote this file. Refresh
# both together: `docker buildx imagetools inspect docker.io/library/eclipse-temurin:17-jre`
# (or `crane digest …`) prints the current index digest.
FROM docker.io/library/maven:3.9-eclipse-temurin-17@sha256:880934ae394bf91bc3e57d573e4fc04774f064f3c4df7ccd7cc10b3b126737bf AS build
WORKDIR /build
COPY pom.xml ./
# Only the main sources: the image build neither compiles nor runs the tests.
COPY src/main ./src/main
# pom.xml sets <finalName>switchboard</finalName>, hence target/switchboard.jar.
# maven.test.skip (unlike skipTests) also skips compiling the tests.
# The cache mount keeps ~/.m2 between builds, so dependencies are downloaded once.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -Dmaven.test.skip=true package \
    && cp target/switchboard.jar app.jar
# Boot 4's tools jar mode: one directory per layer, with the launcher, runnable as exploded classes.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- Runtime: JRE only, non-root, read-only root filesystem friendly ---------------------------
FROM docker.io/library/eclipse-temurin:17-jre@sha256:13cc28a6cc72a38ce1f00c906be3580c1a3e604b8984d694f369a96742abc93b
# A fixed numeric uid/gid lets Kubernetes check runAsNonRoot without reading /etc/passwd.
RUN groupadd --gid 10001 switchboard \
    && useradd --no-log-init --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin switchboard \
    && mkdir -p /app/config /app/data /app/logs \
    && chown 10001:10001 /app/data /app/logs
# Spring Boot reads ./config/application.yml, so the working directory is fixed; mount another
# config/ here, or add files under /app/config/<dir>/ to override single keys.
WORKDIR /app
# Least to most often changed, so that a code change rebuilds only the last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY config/application.yml ./config/application.yml

USER 10001:10001

# The only writable paths, so the root filesystem can be mounted read-only:
# /tmp for JVM perf data and Netty's native library, /app/data for the archive file and unix
# sockets, /app/logs for log files.
VOLUME ["/tmp", "/app/data", "/app/logs"]

# SEA legacy binary protocol.
EXPOSE 8732
# HTTP static files and WebSocket rooms.
EXPOSE 8080
# Legacy chat port, served like 8080.
EXPOSE 25021
# Example protocol, line-based TCP.
EXPOSE 3001
# Example protocol datagrams (LOG_ROTATE).
EXPOSE 3002/udp
# Management: Actuator health groups and /actuator/prometheus.
EXPOSE 8081

# The example protocol binds loopback by default, like its reference; inside a container that would
# make its published ports unreachable, so the image binds every interface (QUIT stays loopback-only).
ENV SWITCHBOARD_EXAMPLE_LISTENERS_TCP_HOST=0.0.0.0 \
    SWITCHBOARD_EXAMPLE_LISTENERS_UDP_HOST=0.0.0.0

# Memory budget, sized for a 768 MiB container (the Helm chart computes the same flags from its
# memory limit; src/docs/deploy.md has the arithmetic). Every part the JVM can cap is capped, so
# the sum stays under the limit and the process fails inside the JVM instead of being OOM-killed:
#   heap      35 % of the limit = 268 MiB   -XX:MaxRAMPercentage (follows the container's limit)
#   direct    192 MiB                       -XX:MaxDirectMemorySize: all of Netty's buffers. On JDK 17
#             Netty allocates them through ByteBuffer.allocateDirect (its no-cleaner path needs
#             --add-opens), so this JDK limit is the one enforced; io.netty.maxDirectMemory would
#             only be reported, not enforced.
#   metaspace 128 MiB, code cache 48 MiB
#   left      132 MiB for G1's own structures, thread stacks, symbols, JIT arenas, CDS and malloc
#             (measured: about 87 MiB after SEA and WebSocket load).
# G1 is chosen explicitly: JDK ergonomics would pick SerialGC in a small container, whose full
# collections stop every event loop at once. ExitOnOutOfMemoryError makes an exhausted heap or
# metaspace end the process so that the orchestrator restarts it. Direct-memory exhaustion is an
# ordinary exception (the VM does not exit for it); the gateway's input budgets keep it from being
# reached. MALLOC_ARENA_MAX bounds glibc's per-thread malloc arenas, which otherwise grow RSS
# outside every JVM limit. Override JAVA_TOOL_OPTIONS as a whole to change any of it.
ENV MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAMPercentage=35.0 -XX:MaxDirectMemorySize=192m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:+ExitOnOutOfMemoryError"

# No HEALTHCHECK: Kubernetes ignores it in favour of the chart's probes on
# /actuator/health/liveness and /actuator/health/readiness (port 8081), and a check would need an
# HTTP client in the image. Under plain Docker, pass --health-cmd with one of your choice.

# OCI annotations, last in the stage: a build argument that changes (REVISION and CREATED change on
# every build) invalidates the cache of every RUN after it. VERSION follows the Maven project
# version (the chart's appVersion); pass the commit and build time, e.g.
# --build-arg REVISION="$(git rev-parse HEAD)" --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)".
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="switchboard" \
      org.opencontainers.image.description="Switchboard messaging gateway: SEA legacy TCP, HTTP static files with WebSocket rooms, the example protocol; Actuator and Prometheus on port 8081" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre" \
      org.opencontainers.image.base.digest="sha256:13cc28a6cc72a38ce1f00c906be3580c1a3e604b8984d694f369a96742abc93b"

# Exec form: the JVM is PID 1 and receives SIGTERM itself, which starts the graceful drain.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
