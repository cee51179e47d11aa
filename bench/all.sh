#!/usr/bin/env bash
# Everything issue 12 measures, side by side in one run:
#  1. start-up: an empty JVM (the floor), `convert` of samples/multi-docker through the README's
#     command (target/compose2eb, the launcher), through `java -jar`, through the launcher on JDK 25
#     (where installed), and container-transform (where installed);
#  2. scale: `config --quiet` of 10,000 services through the launcher and `java -jar`;
#  3. push: a 150 MiB docker-save archive to a local registry, ours against skopeo: first push,
#     unchanged second push (bench/push.sh's PushBench, with the shaded jar).
# Parts 1 and 2 run interleaved (bench/all.py): every command once per round, the order rotating.
# Medians of wall time and of user+sys CPU; the load average is printed before and after.
#
#   mvn -B -q package -DskipTests && bench/all.sh [ROUNDS] [PUSH_REPS]     (defaults 10 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
push_reps=${2:-3}
out=bench/out
mkdir -p "$out"
[ -x target/compose2eb ] && [ -f target/compose2eb.jar ] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# the floor: a class with an empty main, with the launcher's flags and with none
cat > "$out/Empty.java" <<'JAVA'
public class Empty { public static void main(String[] args) {} }
JAVA
javac -d "$out" "$out/Empty.java"
bash bench/load.sh --generate-only >/dev/null

# the launcher's archive is made before the rounds (its first use is not what is measured)
target/compose2eb --version >/dev/null
sample=samples/multi-docker/docker-compose.yml
c1="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
cmds=(
  "empty JVM (java -cp . Empty)=java -cp $out Empty"
  "empty JVM, launcher flags=java $c1 -cp $out Empty"
  "convert: README command (target/compose2eb)=target/compose2eb convert -f $sample -o $out/convert-launcher"
  "convert: java -jar=java -jar target/compose2eb.jar convert -f $sample -o $out/convert-jar"
  "10,000 services: target/compose2eb config --quiet=target/compose2eb config --quiet -f $out/compose-10000.yaml"
  "10,000 services: java -jar config --quiet=java -jar target/compose2eb.jar config --quiet -f $out/compose-10000.yaml"
)
jdk25=$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)
if [ -n "$jdk25" ] && [ -x "$jdk25/bin/java" ]; then
  JAVA_HOME=$jdk25 target/compose2eb --version >/dev/null
  cmds+=("empty JVM, JDK 25, launcher flags=$jdk25/bin/java $c1 -cp $out Empty"
    "convert: launcher on JDK 25 (AOT cache)=env JAVA_HOME=$jdk25 target/compose2eb convert -f $sample -o $out/convert-25"
    "10,000 services: launcher on JDK 25=env JAVA_HOME=$jdk25 target/compose2eb config --quiet -f $out/compose-10000.yaml")
else
  echo "no JDK 25 under /usr/lib/jvm: its rows are left out"
fi
if command -v container-transform >/dev/null 2>&1; then
  cmds+=("convert: container-transform=container-transform -i compose -o ecs $sample")
else
  echo "container-transform is not installed (a PyPI package; PyPI is not reachable from these machines): its row is left out"
fi
python3 bench/all.py "$rounds" 1 "${cmds[@]}" | tee "$out/all.md"
echo "load average after start-up rounds: $(cut -d' ' -f1-3 /proc/loadavg)"

# what one convert through the launcher loads, and how much of it comes from the class-data archive
COMPOSE2EB_JAVA_OPTS="-Xlog:class+load:file=$out/classes.txt" \
  target/compose2eb convert -f $sample -o "$out/convert-classes" >/dev/null 2>&1
loaded=$(grep -c 'class,load' "$out/classes.txt")
shared=$(grep -c 'source: shared objects file' "$out/classes.txt")
echo "convert through the launcher: $loaded classes loaded, $shared of them from the class-data archives," \
  "$(grep -v 'shared objects file' "$out/classes.txt" | grep -c ' picocli\.') picocli classes read from the jar"

if command -v skopeo >/dev/null && [ -x /usr/bin/docker-registry ] && command -v htpasswd >/dev/null; then
  mvn -q -o -B test-compile
  mvn -q -o -B dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$out/classpath.txt" >/dev/null
  java -Dpushbench.classpath="target/test-classes:target/compose2eb.jar" \
    -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
    dev.compose2eb.push.PushBench run "$out/push" "$push_reps" | tee "$out/push.md"
  echo "skopeo: $(skopeo --version)"
else
  echo "push part skipped: needs skopeo, docker-registry and htpasswd (apt-get install skopeo docker-registry apache2-utils)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
