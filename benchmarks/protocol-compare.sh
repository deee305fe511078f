#!/usr/bin/env bash
# protocol/client -> protocol/server on 127.0.0.1: rxlator (rxlator serve + rxlator mount) against
# GlusterFS 10.3 (glusterfsd + glusterfs) serving the same hand-written brick and client
# volfiles, through FUSE, driven by fio with 1, 16 and 128 jobs: stat, 4 KiB random reads,
# 128 KiB writes and reads. Then the in-process load (no FUSE): ProtocolLoad.
#
#   benchmarks/protocol-compare.sh [--rounds N] [--seconds S] [--jobs 1,16,128]
#
# Needs root; installs fio and glusterfs-server from Debian's packages when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "protocol-compare: run as root (it mounts file systems)" >&2
  exit 1
fi
"$here/scripts/ensure-debian-packages" fio glusterfs-server glusterfs-client fuse3 libfuse2 python3
"$here/rxlator" --help >/dev/null   # builds the jar if needed
python3 "$here/benchmarks/protocol_compare.py" "$here" "$@"
"$here/rxlator" bench --help >/dev/null   # builds benchmarks/target/benchmarks.jar when it is missing or stale
echo
echo "in process, no FUSE (ProtocolLoad, storage/memory):"
exec python3 - "$here/benchmarks" "$here/benchmarks/target/benchmarks.jar" <<'PY'
import subprocess, sys
sys.path.insert(0, sys.argv[1])
from benchlib import hold_cpu_latency
latency = hold_cpu_latency()
sys.exit(subprocess.call(["java", "-cp", sys.argv[2], "io.rxlator.benchmarks.ProtocolLoad"]))
PY
