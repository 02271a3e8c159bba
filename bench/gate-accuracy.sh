#!/usr/bin/env bash
# Gate accuracy: the real gate fed with simulated releases (request-level traffic turned into the metrics CloudWatch
# reports), at 10, 60 and 300 requests a second, with the local plan and the default AWS plan. Prints the false-
# rollback rate of versions no worse than blue, and how often and how fast worse ones are caught; writes the report
# to local-cloud/target/gate-accuracy/ and the power curves to docs/gate-power.png. Arguments go to
# dev.greenlight.localcloud.bench.GateAccuracyBenchmark (--releases N, --curve-releases N, --threads N, --rates ...).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -B -q -pl local-cloud -am install -DskipTests
./mvnw -B -q -pl local-cloud test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/local-cloud/target/bench.classpath" -Dmdep.includeScope=test >/dev/null
exec java -Djava.awt.headless=true -Dgreenlight.root="$root" \
  -cp "$root/local-cloud/target/test-classes:$root/local-cloud/target/classes:$(cat "$root/local-cloud/target/bench.classpath")" \
  dev.greenlight.localcloud.bench.GateAccuracyBenchmark "$@"
