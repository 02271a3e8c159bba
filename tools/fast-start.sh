#!/usr/bin/env bash
# Prepares the blog for a fast start, the same way in the container image and for the local cloud's tasks:
#   1. extract the Boot jar into a plain classpath layout (blog-web.jar + lib/);
#   2. run it once up to the end of context refresh with Spring AOT on, and let the JVM record what it loaded:
#      on Java 25 or later an ahead-of-time cache (classes loaded and linked, method profiles), before that a
#      class data sharing (CDS) archive;
#   3. write jvm.options, the options a start needs to use it, last: its presence means the directory is ready.
# Start it afterwards with:  java @jvm.options -jar blog-web.jar
# from DEST_DIR and on the same JVM.
# The training run talks to no service: it stops as soon as the context is refreshed.
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
# shellcheck disable=SC2086 # the training options are a list of JVM options
env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  BLOG_SESSION_SECRET=training-only-secret-not-used-to-sign-anything \
  BLOG_DYNAMODB_REGION=us-east-1 \
  java ${FAST_START_TRAINING_OPTIONS:-} -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh "${record[@]}" \
       -jar blog-web.jar >training.log 2>&1 || { cat training.log >&2; exit 1; }
[ -f "$written" ] || { echo "the training run wrote no $written; see $dest/training.log" >&2; exit 1; }
printf '%s\n' -Dspring.aot.enabled=true "${use[@]}" >jvm.options.tmp
mv jvm.options.tmp jvm.options
