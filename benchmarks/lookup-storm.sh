#!/usr/bin/env bash
# The lookup storm (a web application's include path: 20 directories x 50 names that do not
# exist, each stat()ed 10 times) through performance/nl-cache and without it, on rxlator and on
# GlusterFS 10.3 mounting the same volfile, with debug/delay-gen holding every lookup below the
# cache 1 ms (a network) and debug/io-stats above and below the cache counting lookups.
#
#   benchmarks/lookup-storm.sh [--rounds N] [--dirs D] [--names N] [--repeat R] [--delay-us U]
#                              [--engines rxlator,glusterfs]
#
# Prints, per target, stats per second and lookups at the cache and at its child (medians of the
# rounds), and the ratios with and without the cache. Needs root; installs glusterfs-client and
# attr (setfattr) from Debian's packages when they are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "lookup-storm: run as root (it mounts file systems)" >&2
  exit 1
fi
"$here/scripts/ensure-debian-packages" glusterfs-client attr fuse3 libfuse2 python3
"$here/rxlator" --help >/dev/null   # builds the jar if needed
exec python3 "$here/benchmarks/lookup_storm.py" "$here" "$@"
