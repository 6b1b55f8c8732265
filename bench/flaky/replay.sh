#!/bin/sh
# Replay benchmark of issue 5's quality bars (pure model, no database). Options: --candidates N --seed S
# --history H --regressions F --deterministic F --change-keeps-fingerprint F --span-days D --csv PATH
# --changed-tests N --regression-in-changed-tests P --burn-in-runs R --burn-in-innocent-risk A
# --burn-in-miss-risk B --burn-in-shift D
set -eu
cd "$(dirname "$0")/../.."
mvn -B -o -q test-compile -pl flaky-db -am
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
free -h | head -2
echo "command: bench/flaky/replay.sh $*"
exec java -Dgatekeeper.shared="$(cd .. && pwd)/shared" -cp flaky-db/target/classes:flaky-db/target/test-classes \
    io.gatekeeper.flaky.bench.ReplayBenchmark "$@"
