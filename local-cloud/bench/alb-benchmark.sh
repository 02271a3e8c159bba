#!/usr/bin/env bash
# The ALB overhead benchmark: the same page through the local ALB and directly, side by side.
# Arguments are passed to dev.greenlight.localcloud.bench.AlbBenchmark, e.g. --concurrency 8 --seconds 10.
# Uses blog-web/target/blog-web.jar when it exists (build it with ./mvnw -pl blog-web -am package -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./mvnw -B -q -pl local-cloud -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/local-cloud/target/bench.classpath" -Dmdep.includeScope=test >/dev/null
exec java -Dgreenlight.root="$root" \
  -cp "$root/local-cloud/target/test-classes:$root/local-cloud/target/classes:$(cat "$root/local-cloud/target/bench.classpath")" \
  dev.greenlight.localcloud.bench.AlbBenchmark "$@"
