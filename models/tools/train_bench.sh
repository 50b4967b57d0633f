#!/bin/sh
# Training throughput, dynnd's trainer against PyTorch from Python, in one run (models/README.md):
# ROUNDS rounds (default 3), each running dynnd's TrainingThroughput and then
# torch_train_bench.py with the same arguments, so both see the same load; prints every round and
# a table of the medians over the rounds with dynnd/PyTorch ratios.
# Run from the checkout after `mvn -B -q -o -DskipTests -pl daemon -am package` and
# `mvn -B -q -o -pl models test-compile`. Arguments go to both sides, e.g. --images 2560 --runs 3 --dense.
# PyTorch (Debian's python3-torch) gets OpenBLAS preloaded for its process only (LD_PRELOAD),
# whatever the system's libblas.so.3 alternative points to.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
[ -f "$openblas" ] || { echo "train_bench: $openblas missing: apt-get install libopenblas0-pthread" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "load before: $(uptime)"
cd "$root/models"
for round in $(seq "${ROUNDS:-3}"); do
  OMP_NUM_THREADS=1 java -Dai.djl.offline=true -cp "target/test-classes:target/classes:$root/daemon/target/dynnd/lib/*" \
    org.dynnd.models.bench.TrainingThroughput "$@" 2>/dev/null | grep -a "images/s\|dynnd trainer" | sed 's/^/dynnd /' | tee -a "$out"
  LD_PRELOAD="$openblas" OMP_NUM_THREADS=1 /usr/bin/python3 "$root/models/tools/torch_train_bench.py" "$@" \
    | sed 's/^/torch /' | tee -a "$out"
done
echo "load after: $(uptime)"
echo "PyTorch ran with $openblas preloaded"
/usr/bin/python3 - "$out" <<'PY'
import re, statistics, sys
rates = {}
for line in open(sys.argv[1]):
    m = re.match(r"(dynnd|torch) (stage \d+(?: running all groups)?|frozen logits of group \d+|dense): ([\d.]+) images/s", line)
    if m:
        rates.setdefault(m.group(2), {}).setdefault(m.group(1), []).append(float(m.group(3)))
print("| stage | dynnd images/s | PyTorch images/s | dynnd/PyTorch |")
print("|---|---|---|---|")
for stage, by in rates.items():
    d = statistics.median(by["dynnd"])
    t = statistics.median(by["torch"]) if "torch" in by else None
    print(f"| {stage} | {d:.0f} | {'-' if t is None else f'{t:.0f}'} | {'-' if t is None else f'{d / t:.2f}'} |")
PY
