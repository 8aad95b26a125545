# The provider simulators (Zoom, Google Calendar, Microsoft Graph, Slack on one HTTP port; an SMTP server
# that keeps the mails; the recipients' IMAP mailboxes) for docker-compose.yml (context: the repository root).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -Dmaven.test.skip=true -DskipLocalStackDownloads -pl stack -am

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/stack/target/classes/ /app/classes/
COPY --from=build /src/stack/target/lib/ /app/lib/
EXPOSE 8090 2525 3143
USER 1001
ENTRYPOINT ["java", "-Xmx96m", "-cp", "/app/classes:/app/lib/*", "dev.kaigi.stack.simulators.ProviderSimulatorsMain", "8090", "2525", "3143", "0.0.0.0"]
