# One Kaigi service for docker-compose.yml (context: the repository root; build arguments SERVICE and PORT,
# e.g. user-service and 8081). Builds the packaged app from this checkout, then runs it on a JRE: the same
# quarkus-app the local stack (./kaigi up) runs. All four services are built alike, hence one file.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -Dmaven.test.skip=true -pl ${SERVICE} -am && mv ${SERVICE}/target/quarkus-app /quarkus-app

FROM eclipse-temurin:17-jre
ARG PORT
WORKDIR /app
# curl for the compose health check (GET /q/health/ready)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /quarkus-app/ /app/
# the production JVM options (heap, collector, stacks), shared with ./kaigi and bench/run; JDK_JAVA_OPTIONS adds to them
COPY --from=build /src/deploy/jvm/service.options /app/jvm.options
EXPOSE ${PORT}
USER 1001
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/quarkus-run.jar"]
