"""Side-by-side FUSE file system comparison; run through benchmarks/fs-compare.sh."""
import argparse
import datetime
import json
import os
import statistics
import sys
import time

from benchlib import hold_cpu_latency, release_tmpfs, sh, tmpfs, unmount, wait_mounted

HERE = sys.argv[1]
JAR = os.path.join(HERE, "fuse-adapter", "target", "rxlator.jar")

WORKLOADS = [
    # name, unit, description
    ("seq-write-1m", "MiB/s", "fio sequential write, 1 MiB blocks, a 512 MiB file 4 times over, fsync at the end"),
    ("seq-read-1m", "MiB/s", "fio sequential read, 1 MiB blocks, a 512 MiB file 8 times over, cache dropped before each"),
    ("rand-read-4k", "IOPS", "fio random read, 4 KiB, O_DIRECT, 4 jobs"),
    ("rand-write-4k", "IOPS", "fio random write, 4 KiB, O_DIRECT, 4 jobs"),
    ("small-files", "files/s", "create + write 4 KiB + close + stat + unlink, one file at a time"),
]




class Target:
    def __init__(self, name, work):
        self.name = name
        self.export = os.path.join(work, name + "-export")
        self.mnt = os.path.join(work, name)
        os.makedirs(self.export)
        os.makedirs(self.mnt)
        self.volfile = os.path.join(work, name + ".vol")
        with open(self.volfile, "w") as f:
            f.write("volume posix\n    type storage/posix\n    option directory %s\nend-volume\n" % self.export)

    def mount(self):
        if self.name == "rxlator":
            sh(["java", "-jar", JAR, "mount", "-f", self.volfile, "--log-file", self.mnt + ".log", self.mnt])
        elif self.name == "bindfs":
            sh(["bindfs", "--no-allow-other", self.export, self.mnt])
        elif self.name == "glusterfs":
            sh(["glusterfs", "-f", self.volfile, "-l", self.mnt + ".log", self.mnt])
        wait_mounted(self.mnt, self.name)

    def unmount(self):
        unmount(self.mnt)


def fio(target, name, args, seconds):
    out = os.path.join(target.mnt, "fio")
    os.makedirs(out, exist_ok=True)
    cmd = ["fio", "--name=" + name, "--directory=" + out, "--output-format=json", "--ioengine=psync"] + args
    if seconds:
        cmd += ["--runtime=%d" % seconds, "--time_based"]
    r = sh(cmd)
    job = json.loads(r.stdout[r.stdout.index("{"):])["jobs"][0]
    return job


def run_workload(w, target, seconds):
    if w == "seq-write-1m":
        job = fio(target, "seq", ["--rw=write", "--bs=1M", "--size=512M", "--loops=4", "--end_fsync=1"], 0)
        return job["write"]["bw"] / 1024.0
    if w == "seq-read-1m":
        job = fio(target, "seq", ["--rw=read", "--bs=1M", "--size=512M", "--loops=8", "--invalidate=1"], 0)
        return job["read"]["bw"] / 1024.0
    if w == "rand-read-4k":
        job = fio(target, "rand", ["--rw=randread", "--bs=4k", "--size=128M", "--direct=1", "--numjobs=4",
                                   "--group_reporting"], seconds)
        return job["read"]["iops"]
    if w == "rand-write-4k":
        job = fio(target, "rand", ["--rw=randwrite", "--bs=4k", "--size=128M", "--direct=1", "--numjobs=4",
                                   "--group_reporting"], seconds)
        return job["write"]["iops"]
    if w == "small-files":
        d = os.path.join(target.mnt, "small")
        os.makedirs(d, exist_ok=True)
        data = b"x" * 4096
        n = 0
        start = time.monotonic()
        end = start + seconds
        while time.monotonic() < end:
            for _ in range(100):
                p = os.path.join(d, "f%d" % n)
                fd = os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                os.write(fd, data)
                os.close(fd)
                os.stat(p)
                os.unlink(p)
                n += 1
        return n / (time.monotonic() - start)
    raise ValueError(w)


def main():
    ap = argparse.ArgumentParser(prog="fs-compare.sh")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (JIT warm-up)")
    ap.add_argument("--seconds", type=int, default=10, help="length of each timed run")
    ap.add_argument("--targets", default="rxlator,bindfs,glusterfs")
    ap.add_argument("--workloads", default=",".join(w[0] for w in WORKLOADS))
    args = ap.parse_args(sys.argv[2:])
    names = args.targets.split(",")
    workloads = [w for w in WORKLOADS if w[0] in args.workloads.split(",")]

    latency = hold_cpu_latency()  # noqa: F841 (held open for the run)
    work = tmpfs("rxlator-fs-compare-", "6g")
    targets = []
    results = {w[0]: {n: [] for n in names} for w in workloads}
    try:
        for n in names:
            t = Target(n, work)
            targets.append(t)  # first: a mount that times out and then appears is still undone
            t.mount()
        for r in range(-args.warmup, args.rounds):
            order = targets[r % len(targets):] + targets[:r % len(targets)]
            for w in workloads:
                for t in order:
                    v = run_workload(w[0], t, args.seconds)
                    if r >= 0:
                        results[w[0]][t.name].append(v)
                    print("%s %-14s %-10s %12.1f %s" % ("warm-up" if r < 0 else "round %d" % (r + 1), w[0], t.name, v,
                                                        w[1]), file=sys.stderr)
    finally:
        for t in targets:
            t.unmount()
        release_tmpfs(work)

    print()
    header = "%-14s %-8s" % ("workload", "unit") + "".join("%14s" % n for n in names)
    ratios = [(a, b) for a, b in (("rxlator", "bindfs"), ("rxlator", "glusterfs")) if a in names and b in names]
    header += "".join("%18s" % ("%s/%s" % (a[:2], b)) for a, b in ratios)
    print(header)
    table = {}
    for w, unit, _ in workloads:
        med = {n: statistics.median(results[w][n]) for n in names}
        row = "%-14s %-8s" % (w, unit) + "".join("%14.1f" % med[n] for n in names)
        for a, b in ratios:
            lo = min(results[w][a]) / max(results[w][b])
            hi = max(results[w][a]) / min(results[w][b])
            row += "%18s" % ("%.2f (%.2f-%.2f)" % (med[a] / med[b], lo, hi))
        print(row)
        table[w] = {"unit": unit, "runs": results[w], "median": med}
    print("\nmedians of %d rounds, %d s per timed run; ratio ranges are min/max over the rounds" % (
        args.rounds, args.seconds))
    os.makedirs(os.path.join(HERE, "benchmarks", "results"), exist_ok=True)
    path = os.path.join(HERE, "benchmarks", "results",
                        "fs-compare-%s.json" % datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump({"workloads": {w: d for w, _, d in workloads}, "results": table}, f, indent=2)
    print("results in %s" % path)


main()
