#!/usr/bin/env bash
# Prepares the blog for a fast start, the same way in the container image and for the local cloud's tasks:
#   1. extract the Boot jar into a plain classpath layout (blog-web.jar + lib/);
#   2. run it once up to the end of context refresh with Spring AOT on, and let the JVM record what it loaded:
#      on Java 25 or later an ahead-of-time cache (classes loaded and linked, method profiles), before that a
#      class data sharing (CDS) archive;
#   3. write jvm.options, the options a start needs to use it, last: its presence means the directory is ready.
# Start it afterwards with:  java @jvm.options -jar blog-web.jar
# from DEST_DIR and on the same JVM.
# FAST_START_TRAINING_OPTIONS adds JVM options to the training run that the starts will use as well (an agent):
# an AOT cache is only used by a JVM started like the one that trained it.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tools/fast-start.sh BLOG_JAR DEST_DIR" >&2
  exit 2
fi
jar=$1 dest=$2
[ -f "$jar" ] || { echo "no such jar: $jar (build it with ./mvnw -pl blog-web -am package -DskipTests)" >&2; exit 1; }

feature=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -ge 25 ] 2>/dev/null; then
  record=(-XX:AOTCacheOutput=blog-web.aot -Xlog:aot=off) use=(-XX:AOTCache=blog-web.aot) written=blog-web.aot
else
  record=(-XX:ArchiveClassesAtExit=blog-web.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)
  use=(-XX:SharedArchiveFile=blog-web.jsa) written=blog-web.jsa
fi

rm -rf "$dest"
java -Djarmode=tools -jar "$jar" extract --destination "$dest" --application-filename blog-web.jar >/dev/null
cd "$dest"
# The training run starts the blog on a free port with a DynamoDB endpoint nothing listens on, asks what a start
# and its first readers ask (the readiness probe, which checks DynamoDB, and the home page), then stops it: the
# classes and profiles of those first requests are recorded too. It talks to no service. It keeps this script's
# stdin (a background job would get /dev/null), which an agent given in FAST_START_TRAINING_OPTIONS may watch.
# shellcheck disable=SC2086 # the training options are a list of JVM options
env -i PATH="$PATH" HOME="${HOME:-/tmp}" SERVER_PORT=0 SERVER_ADDRESS=127.0.0.1 \
  BLOG_SESSION_SECRET=training-only-secret-not-used-to-sign-anything \
  BLOG_DYNAMODB_REGION=us-east-1 BLOG_DYNAMODB_ENDPOINT=http://127.0.0.1:9 \
  AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
  java ${FAST_START_TRAINING_OPTIONS:-} -Dspring.aot.enabled=true "${record[@]}" \
       -jar blog-web.jar <&0 >training.log 2>&1 &
training=$!
port=
for _ in $(seq 1 600); do
  port=$(grep -o 'started on port[^0-9]*[0-9]*' training.log 2>/dev/null | grep -o '[0-9]*$' | head -1 || true)
  [ -n "$port" ] || ! kill -0 "$training" 2>/dev/null && break
  sleep 0.1
done
if [ -z "$port" ]; then
  kill "$training" 2>/dev/null || true
  cat training.log >&2
  echo "the training run did not start listening; see $dest/training.log" >&2
  exit 1
fi
for path in /actuator/health/readiness / /actuator/health/readiness / /; do
  { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 && cat <&3 >/dev/null; exec 3<&-; } || true
done
kill -TERM "$training"
wait "$training" || true
[ -f "$written" ] || { cat training.log >&2; echo "the training run wrote no $written; see $dest/training.log" >&2; exit 1; }
printf '%s\n' -Dspring.aot.enabled=true "${use[@]}" >jvm.options.tmp
mv jvm.options.tmp jvm.options
