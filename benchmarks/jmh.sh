#!/usr/bin/env bash
# Runs the JMH benchmarks of the framework.
#
#   benchmarks/jmh.sh [JMH ARGS...]          e.g. benchmarks/jmh.sh StackBenchmark -prof gc
#
# Builds benchmarks/target/benchmarks.jar if it is missing, then runs it with the arguments
# given (default: every benchmark with the GC profiler). While it runs, it holds
# /dev/cpu_dma_latency at 0 when it can, so idle cores do not fall into deep sleep states
# between operations. JAVA selects the JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q -DskipTests -pl benchmarks -am install
fi
[ $# -eq 0 ] && set -- -prof gc
exec python3 - "${JAVA:-java}" "$JAR" "$@" <<'PY'
import os, struct, subprocess, sys
java, jar, args = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    fd = os.open("/dev/cpu_dma_latency", os.O_WRONLY)
    os.write(fd, struct.pack("i", 0))
    print("holding /dev/cpu_dma_latency at 0 for this run", file=sys.stderr)
except OSError as e:
    print(f"cannot hold /dev/cpu_dma_latency ({e.strerror}); numbers may be noisier", file=sys.stderr)
sys.exit(subprocess.call([java, "-jar", jar] + args))
PY
