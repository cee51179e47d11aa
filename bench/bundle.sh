#!/usr/bin/env bash
# Bundles a generated project (FILES small text files in nested folders plus BIG_MIB of random,
# incompressible bytes) with a small heap, and prints wall time, peak memory and the zip's size.
# Usage: bench/bundle.sh            (defaults: FILES=20000 BIG_MIB=300 XMX=128m)
#        FILES=3000 BIG_MIB=600 bench/bundle.sh   (past EB's 512 MiB: shows the limit error)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${FILES:-20000}
big_mib=${BIG_MIB:-300}
xmx=${XMX:-128m}
mvn -q -o -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app"
cat > "$work/app/compose.yaml" <<'YAML'
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    volumes:
      - ./data:/usr/share/nginx/html:ro
YAML
python3 - "$work/app/data" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%02d" % (i % 50), "e%02d" % (i // 50 % 20))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.html" % i), "w") as f:
        f.write("<p>page %d</p>\n" % i * 20)
PY
if [ "$big_mib" -gt 0 ]; then
  head -c "$((big_mib * 1024 * 1024))" /dev/urandom > "$work/app/data/video.bin"
fi
echo "project: $files small files + ${big_mib} MiB random; heap -Xmx$xmx" >&2
set +e
/usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx"$xmx" \
  -cp "target/classes:$(cat target/bench-cp.txt)" dev.compose2eb.cli.Main bundle \
  --project-directory "$work/app" -f "$work/app/compose.yaml" -o "$work/app.zip" 2>&1 >/dev/null \
  | grep -v ': warning: \|: info: '
set -e
[ -f "$work/app.zip" ] && echo "zip: $(stat -c %s "$work/app.zip") bytes" >&2 || true
