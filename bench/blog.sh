#!/usr/bin/env bash
# Benchmark of the blog: startup to ready of the packaged app (plain jar vs extracted + AOT + CDS) and
# home page latency at 100, 1,000 and 10,000 posts on dynalite. Prints its figures; record them in
# docs/benchmarks.md with the machine. Run it on a quiet machine: it measures latency.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl blog-web -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
bash tools/fast-start.sh blog-web/target/blog-web.jar blog-web/target/fast-start
java -cp "blog-web/target/test-classes:blog-web/target/classes:$(cat blog-web/target/classpath.txt)" \
  dev.greenlight.blog.bench.BlogBenchmark blog-web/target/blog-web.jar blog-web/target/fast-start
