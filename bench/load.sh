#!/usr/bin/env bash
# Loader benchmark: generates compose files with 1, 100, 1,000 and 10,000 services and times
# `compose2eb config --quiet` on each (JVM start included), next to `compose2eb --version` (JVM start
# alone). The difference is the cost of loading. Uses hyperfine when installed, else a plain loop.
#
#   bench/load.sh            # needs target/compose2eb.jar (mvn -q package -DskipTests)
#   bench/load.sh --generate-only   # only writes the files (bench/all.sh uses them)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/compose2eb.jar
out=bench/out
mkdir -p "$out"

gen() { # gen N FILE: N services, each with the keys a real service has
  local n=$1 f=$2
  {
    echo "name: bench"
    echo "x-common: &common"
    echo "  restart: unless-stopped"
    echo "  logging: {driver: json-file, options: {max-size: 10m}}"
    echo "services:"
    for ((i = 0; i < n; i++)); do
      cat <<YAML
  svc$i:
    <<: *common
    image: "registry.example.com/app/svc$i:\${TAG:-1.0}"
    command: ["node", "server.js", "--port", "$((3000 + i % 1000))"]
    environment:
      PORT: "$((3000 + i % 1000))"
      UPSTREAM: http://svc$(( (i + 1) % n )):3000
      MODE: production
    ports:
      - "$((10000 + i % 50000)):3000"
    mem_limit: 256m
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]
      interval: 30s
      timeout: 5s
      retries: 3
    labels:
      team: bench
YAML
    done
  } > "$f"
}

sizes=(1 100 1000 10000)
for n in "${sizes[@]}"; do gen "$n" "$out/compose-$n.yaml"; done
[ "${1:-}" = --generate-only ] && exit 0
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }
ls -l "$out"/compose-*.yaml | awk '{print $5, $9}'

if command -v hyperfine >/dev/null 2>&1; then
  args=(--warmup 2 --runs 7 --export-markdown "$out/load.md" -n "jvm start (--version)" "java -jar $jar --version")
  for n in "${sizes[@]}"; do
    args+=(-n "$n services" "java -jar $jar config --quiet -f $out/compose-$n.yaml")
  done
  hyperfine "${args[@]}"
  cat "$out/load.md"
else
  t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
  base=$(t java -jar "$jar" --version)
  echo "jvm start (--version): ${base} ms"
  for n in "${sizes[@]}"; do
    ms=$(t java -jar "$jar" config --quiet -f "$out/compose-$n.yaml")
    echo "$n services: ${ms} ms (load: $((ms - base)) ms beyond JVM start)"
  done
fi
