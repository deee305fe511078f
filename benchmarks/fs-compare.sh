#!/usr/bin/env bash
# Compares file systems mounted through FUSE on the same workloads, side by side:
#
#   rxlator    storage/posix alone (./rxlator mount -f posix.vol)
#   bindfs     a C passthrough (bindfs), the ceiling for a FUSE file system
#   glusterfs  GlusterFS 10.3 mounting the same posix volfile (glusterfs -f posix.vol)
#
#   benchmarks/fs-compare.sh [--rounds N] [--seconds S] [--targets rxlator,bindfs,glusterfs]
#
# Workloads: fio sequential 1 MiB writes and reads, fio 4 KiB random reads and writes
# (O_DIRECT, so every I/O reaches the file system), and a small-file loop (create, write
# 4 KiB, stat, unlink). Each round runs every workload on every target, the targets in a
# rotating order; the table shows the median of the rounds and the ratios rxlator/bindfs and
# rxlator/glusterfs. Backing directories are on a tmpfs (this machine's /tmp slows down after
# many deletes), and /dev/cpu_dma_latency is held at 0 for the run (idle CPUs wake slowly,
# and every FUSE request pays that twice). Needs root; installs fio, bindfs and
# glusterfs-client from Debian's packages when they are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "fs-compare: run as root (it mounts file systems)" >&2
  exit 1
fi
"$here/scripts/ensure-debian-packages" fio bindfs glusterfs-client fuse3 libfuse2 python3
"$here/rxlator" --help >/dev/null   # builds the jar if needed
exec python3 "$here/benchmarks/fs_compare.py" "$here" "$@"
