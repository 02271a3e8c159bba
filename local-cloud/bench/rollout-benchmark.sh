#!/usr/bin/env bash
# "Rollout under load": a full release v1 -> v2 on the local system under steady readers, then a rollback of
# a version answering 5xx on 20% of requests. Arguments go to dev.greenlight.localcloud.e2e.RolloutBenchmark,
# e.g. --clients 6 --rate 10 --bake 15. Takes about four minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash tools/npm-install.sh
# one reactor build: the jars, the test classes, and local-cloud's test class path (each module writes its own)
./mvnw -B -q -pl local-cloud -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Dgreenlight.root="$root" \
  -cp "$root/local-cloud/target/test-classes:$root/local-cloud/target/classes:$(cat "$root/local-cloud/target/bench.classpath")" \
  dev.greenlight.localcloud.e2e.RolloutBenchmark "$@"
