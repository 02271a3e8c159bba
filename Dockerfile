# The blog's container image, built from source by CodeBuild (see buildspec.yaml).
#   build       compiles blog-web with Maven; dependencies first, in a layer cached until a POM changes
#   fast-start  extracts the Boot jar and trains an ahead-of-time cache (classes loaded and linked, method
#               profiles) with Spring AOT on, on the same JRE image as the runtime, because an AOT cache only
#               works on the JVM that wrote it
#   runtime     the JRE 25 image, as a non-root user
# Base images come from ECR Public's mirror of the Docker official images, which CodeBuild pulls without
# Docker Hub's anonymous rate limit.
ARG JDK_IMAGE=public.ecr.aws/docker/library/eclipse-temurin:25-jdk
ARG JRE_IMAGE=public.ecr.aws/docker/library/eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY mvnw ./
COPY .mvn/ .mvn/
# Maven reads every module's POM of the reactor, even to build one module.
COPY pom.xml ./
COPY dynalite-junit/pom.xml dynalite-junit/
COPY blog-web/pom.xml blog-web/
COPY release-model/pom.xml release-model/
COPY statemachine/pom.xml statemachine/
COPY release-lambdas/pom.xml release-lambdas/
COPY operator/pom.xml operator/
COPY local-cloud/pom.xml local-cloud/
COPY deploy-check/pom.xml deploy-check/
# -Dexec.skip: the root POM's npm install is for the tests (dynalite), which run in buildspec.yaml, not here.
RUN ./mvnw -B -q -pl blog-web -am -Dexec.skip=true dependency:go-offline
COPY dynalite-junit/src/ dynalite-junit/src/
COPY blog-web/src/ blog-web/src/
RUN ./mvnw -B -q -pl blog-web -am -Dexec.skip=true package -DskipTests

FROM ${JRE_IMAGE} AS fast-start
WORKDIR /build
COPY tools/fast-start.sh tools/
COPY --from=build /src/blog-web/target/blog-web.jar ./
RUN bash tools/fast-start.sh blog-web.jar /app && rm /app/training.log

FROM ${JRE_IMAGE}
RUN groupadd --system blog && useradd --system --gid blog --no-create-home --shell /usr/sbin/nologin blog
# Same path as in the training run: the AOT cache records the class path.
WORKDIR /app
COPY --from=fast-start /app/ /app/
USER blog
# The blog reads its port from SERVER_PORT; ECS sets it from the task definition, this is the default.
ENV SERVER_PORT=8080
EXPOSE 8080
# Exec form: java is PID 1 and gets ECS's SIGTERM, then shuts down gracefully (20 s, within ECS's 30 s stop timeout).
STOPSIGNAL SIGTERM
# jvm.options, written by tools/fast-start.sh, turns Spring AOT on and names the AOT cache.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "@jvm.options", "-jar", "blog-web.jar"]
