# syntax=docker/dockerfile:1
#
# Switchboard container image: docker build -t switchboard:0.1.0 .
#
# There is no .dockerignore because the repository's top level is fixed (pom.xml, src, helm, config,
# README.md, Dockerfile, .ci). Instead every COPY below names exactly what it needs, so target/,
# data/, logs/ and the chart never reach the image whatever the build context holds.

# ---- Build: compile, package the Boot jar, split it into layers --------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
# pom.xml sets <finalName>switchboard</finalName>, hence target/switchboard.jar.
# The cache mount keeps ~/.m2 between builds, so dependencies are downloaded once.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package \
    && cp target/switchboard.jar app.jar
# Boot 4's tools jar mode: one directory per layer, with the launcher, runnable as exploded classes.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- Runtime: JRE only, non-root, read-only root filesystem friendly ---------------------------
FROM eclipse-temurin:17-jre
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

# The heap follows the container's memory limit; the other half is left for Netty's direct
# buffers, metaspace and thread stacks. Exiting on OOM lets the orchestrator restart a clean JVM.
# Override the whole variable to change it (the Helm chart sets it from jvm.options).
# The example protocol binds loopback by default, like its reference; inside a container that would
# make its published ports unreachable, so the image binds every interface (QUIT stays loopback-only).
ENV SWITCHBOARD_EXAMPLE_LISTENERS_TCP_HOST=0.0.0.0 \
    SWITCHBOARD_EXAMPLE_LISTENERS_UDP_HOST=0.0.0.0
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError"

# No HEALTHCHECK: Kubernetes ignores it in favour of the chart's probes on
# /actuator/health/liveness and /actuator/health/readiness (port 8081), and a check would need an
# HTTP client in the image. Under plain Docker, pass --health-cmd with one of your choice.

# Exec form: the JVM is PID 1 and receives SIGTERM itself, which starts the graceful drain.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
