#!/usr/bin/env bash
# Prepares the blog for a fast start, the same way locally and in the container image:
#   1. extract the Boot jar into a plain classpath layout (blog-web.jar + lib/);
#   2. run it once up to the end of context refresh with Spring AOT on, and let the JVM write a
#      class data sharing (CDS) archive of every class it loaded.
# Start it afterwards with:  java -Dspring.aot.enabled=true -XX:SharedArchiveFile=blog-web.jsa -jar blog-web.jar
# The training run talks to no service: it stops as soon as the context is refreshed.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tools/fast-start.sh BLOG_JAR DEST_DIR" >&2
  exit 2
fi
jar=$1 dest=$2
[ -f "$jar" ] || { echo "no such jar: $jar (build it with ./mvnw -pl blog-web -am package -DskipTests)" >&2; exit 1; }

rm -rf "$dest"
java -Djarmode=tools -jar "$jar" extract --destination "$dest" >/dev/null
cd "$dest"
env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  BLOG_SESSION_SECRET=training-only-secret-not-used-to-sign-anything \
  BLOG_DYNAMODB_REGION=us-east-1 \
  java -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh \
       -XX:ArchiveClassesAtExit=blog-web.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
       -jar blog-web.jar >training.log 2>&1 || { cat training.log >&2; exit 1; }
[ -f blog-web.jsa ] || { echo "the training run wrote no CDS archive; see $dest/training.log" >&2; exit 1; }
