#!/usr/bin/env bash
# Push benchmark: a docker-save archive of 3 random (incompressible) layers, ~150 MB, pushed to a
# fresh local docker-registry (htpasswd auth, TLS, 127.0.0.1) with our ImagePusher and with
# `skopeo copy docker-archive:... docker://...`, REPS times each, each tool into its own fresh
# registry; then a second, unchanged push with ours (bytes uploaded, blob upload requests seen).
#
#   bench/push.sh [REPS]     # needs docker-registry, apache2-utils (htpasswd) and skopeo
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
for tool in /usr/bin/docker-registry htpasswd skopeo; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install docker-registry apache2-utils skopeo" >&2; exit 1; }
done
out=bench/out/push
mkdir -p "$out"
mvn -q -o -B test-compile
mvn -q -o -B dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$out/classpath.txt" >/dev/null
mvn -q -o -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$out/runtime-classpath.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$out/classpath.txt")"
# ours runs in its own JVM with the runtime classpath, as the CLI would (not the 200-jar test one)
runtime_cp="target/test-classes:target/classes:$(cat "$out/runtime-classpath.txt")"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1); skopeo: $(skopeo --version); $(docker-registry --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dpushbench.classpath="$runtime_cp" -cp "$cp" dev.compose2eb.push.PushBench run "$out" "$reps"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
