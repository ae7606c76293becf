#!/usr/bin/env bash
# Builds the container images of the three services and the console: livelink/<module>:<version>.
#
#   deploy/build-images.sh                  # package with Maven, then build the images
#   deploy/build-images.sh --skip-package   # images from the fast-jars already in target/
#
# LIVELINK_VERSION sets the tag (default 0.1.0, as in docker-compose.yml and deploy/base).
# Needs a Docker engine (BuildKit, so each Dockerfile.jvm.dockerignore applies); CI does not run
# this, it checks the Dockerfiles in deploy-check.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${LIVELINK_VERSION:-0.1.0}"
services=(link-service permission-service analytics-service console)

if [ "${1:-}" != "--skip-package" ]; then
  # The services, the console and the modules they depend on; tests run in ./mvnw verify, not here.
  ./mvnw -B -ntp -DskipTests package -pl "$(IFS=,; echo "${services[*]}")" -am
fi

for service in "${services[@]}"; do
  if [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ]; then
    echo "build-images: $service/target/quarkus-app is missing; run without --skip-package" >&2
    exit 1
  fi
  docker build -f "$service/src/main/docker/Dockerfile.jvm" -t "livelink/$service:$version" "$service"
done
echo "Built: $(printf "livelink/%s:$version " "${services[@]}")"
