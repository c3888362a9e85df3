# syntax=docker/dockerfile:1.29
# check=error=true
# java-api, the "before" of tutorial Example 5: build and run in one stage on the Maven image.
# Everything that built the jar ships with it: the JDK (javac, jlink, jdeps, jar), Maven, git,
# the downloaded dependencies in ~/.m2, the sources and the tests, run as root.
# The context is the app's folder:
#   docker build -f dockerfiles/java-api/single.Dockerfile -t java-api:single apps/java-api
FROM maven:3.9-eclipse-temurin-25
WORKDIR /app
COPY . .
RUN mvn -B -ntp package -DskipTests
EXPOSE 8080
CMD ["java", "-jar", "target/java-api.jar"]
