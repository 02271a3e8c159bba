#!/usr/bin/env bash
# Benchmark: the init time of a release Lambda (FunctionInvoker building the Spring context and the AWS
# SDK clients) in fresh JVMs on the shaded jar, as the Lambda Java runtime runs it. The runtime flags match
# Lambda's defaults for Java (tiered compilation stopped at C1).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl release-lambdas -am package -DskipTests
java -cp "release-lambdas/target/release-lambdas-0.1.0-SNAPSHOT-aws.jar:release-lambdas/target/test-classes" \
  dev.greenlight.release.bench.LambdaInitBenchmark \
  release-lambdas/target/release-lambdas-0.1.0-SNAPSHOT-aws.jar release-lambdas/target/test-classes
