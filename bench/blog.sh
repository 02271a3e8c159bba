#!/usr/bin/env bash
# Benchmark of the blog: startup to ready of the packaged app (plain jar vs extracted + Spring AOT + the JVM's
# recorded classes: a CDS archive on Java 17, an ahead-of-time cache on Java 25, as the container image runs it)
# and home page latency at 100, 1,000 and 10,000 posts on dynalite. Prints its figures; record them in
# docs/benchmarks.md with the machine. Run it on a quiet machine: it measures latency.
# JVMs compared: this machine's java, and every Java home given in BENCH_JAVA_HOMES (space-separated), by
# default the Temurin 25 of /usr/lib/jvm when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl blog-web -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
homes=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
for home in ${BENCH_JAVA_HOMES:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}; do homes+=("$home"); done
prepared=()
for home in "${homes[@]}"; do
  dest="blog-web/target/fast-start-$(basename "$home")"
  PATH="$home/bin:$PATH" bash tools/fast-start.sh blog-web/target/blog-web.jar "$dest"
  prepared+=("$home=$dest")
done
java -cp "blog-web/target/test-classes:blog-web/target/classes:$(cat blog-web/target/classpath.txt)" \
  dev.greenlight.blog.bench.BlogBenchmark blog-web/target/blog-web.jar "${prepared[@]}"
