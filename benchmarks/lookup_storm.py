"""The lookup storm of a web application with a long include path, through the negative-lookup
cache and without it, on rxlator and on GlusterFS; run through benchmarks/lookup-storm.sh.

Each target mounts the same stack:

    storage/posix <- debug/delay-gen (1 ms on every LOOKUP) <- debug/io-stats "below"
        <- performance/nl-cache (pass-through on for "no cache") <- debug/io-stats "top"

A storm stats DIRS x NAMES include names that do not exist, REPEAT times over, as a PHP
application does on every request. Each repetition of the whole run uses new names, so the cache
starts cold every time. Lookups reaching the cache and the child are read from the two io-stats
dumps (setfattr trusted.io-stats-dump on the mount, which both rxlator and GlusterFS answer).
"""
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
DUMP_DIRS = {"rxlator": "/run/rxlator/io-stats", "glusterfs": "/var/run/gluster"}




VOLFILE = """volume posix
    type storage/posix
    option directory {export}
end-volume

volume delay
    type debug/delay-gen
    option delay-percentage 100
    option delay-duration {delay_us}
    option enable LOOKUP
    subvolumes posix
end-volume

volume below
    type debug/io-stats
    option latency-measurement on
    option count-fop-hits on
    subvolumes delay
end-volume

volume nl
    type performance/nl-cache
    option nl-cache-timeout 600
    option nl-cache-limit 64MB
    option nl-cache-positive-entry {positive}
    option pass-through {pass_through}
    subvolumes below
end-volume

volume top
    type debug/io-stats
    option latency-measurement on
    option count-fop-hits on
    subvolumes nl
end-volume
"""


class Target:
    def __init__(self, engine, cache, work, dirs, delay_us, positive):
        self.engine = engine
        self.cache = cache
        self.name = "%s-%s" % (engine, "cache" if cache else "nocache")
        self.export = os.path.join(work, self.name + "-export")
        self.mnt = os.path.join(work, self.name)
        os.makedirs(self.mnt)
        os.makedirs(self.export)
        self.dirs = dirs
        self.positive = positive
        if not positive:
            for d in range(dirs):
                os.makedirs(os.path.join(self.export, "inc%02d" % d))
        self.volfile = os.path.join(work, self.name + ".vol")
        with open(self.volfile, "w") as f:
            f.write(VOLFILE.format(export=self.export, delay_us=delay_us, pass_through="off" if cache else "on",
                                   positive="on" if positive else "off"))
        self.dumps = 0

    def mount(self):
        if self.engine == "rxlator":
            sh(["java", "-jar", JAR, "mount", "-f", self.volfile, "--log-file", self.mnt + ".log", self.mnt])
        else:
            sh(["glusterfs", "-f", self.volfile, "-l", self.mnt + ".log", self.mnt])
        wait_mounted(self.mnt, self.name)
        if self.positive:
            # The include directories are made through the mount, so the cache knows them complete.
            for d in range(self.dirs):
                os.mkdir(os.path.join(self.mnt, "inc%02d" % d))

    def unmount(self):
        unmount(self.mnt)

    def lookups(self):
        """Cumulative LOOKUP counts at io-stats "top" and "below", from a text dump of each."""
        self.dumps += 1
        value = "storm-%s-%d" % (self.name, self.dumps)
        sh(["setfattr", "-n", "trusted.io-stats-dump", "-v", value, self.mnt])
        out = {}
        for xl in ("top", "below"):
            path = os.path.join(DUMP_DIRS[self.engine], "%s.%s" % (value, xl))
            deadline = time.time() + 10
            while not os.path.exists(path):
                if time.time() > deadline:
                    raise RuntimeError("no io-stats dump at %s" % path)
                time.sleep(0.01)
            out[xl] = lookup_count(path)
            os.unlink(path)
        return out


def lookup_count(path):
    """The LOOKUP call count of the cumulative block of an io-stats text dump."""
    in_cumulative = False
    with open(path) as f:
        for line in f:
            if "=== Cumulative stats ===" in line:
                in_cumulative = True
            elif line.startswith("=== Interval"):
                in_cumulative = False
            elif in_cumulative and line.split()[:1] == ["LOOKUP"]:
                return int(line.split()[1])
    return 0


def storm(target, rep, dirs, names, repeat):
    """Stats every missing include name; returns (stats, seconds)."""
    paths = [os.path.join(target.mnt, "inc%02d" % d, "r%d-name%03d.php" % (rep, n))
             for d in range(dirs) for n in range(names)]
    start = time.monotonic()
    count = 0
    for _ in range(repeat):
        for p in paths:
            try:
                os.stat(p)
                raise RuntimeError("%s exists" % p)
            except FileNotFoundError:
                count += 1
    return count, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(prog="lookup-storm.sh")
    ap.add_argument("--dirs", type=int, default=20)
    ap.add_argument("--names", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=10, help="how many times each name is looked up")
    ap.add_argument("--delay-us", type=int, default=1000, help="delay-gen's delay of every lookup below the cache")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--engines", default="rxlator,glusterfs")
    ap.add_argument("--positive", action="store_true",
                    help="make the include directories through the mount with nl-cache-positive-entry on")
    args = ap.parse_args(sys.argv[2:])

    latency = hold_cpu_latency()  # noqa: F841 (held open for the run)
    work = tmpfs("rxlator-lookup-storm-", "1g")
    targets = []
    results = {}
    try:
        for engine in args.engines.split(","):
            for cache in (False, True):
                t = Target(engine, cache, work, args.dirs, args.delay_us, args.positive)
                targets.append(t)  # first: a mount that times out and then appears is still undone
                t.mount()
                results[t.name] = []
        # One warm-up storm each (JIT, dentries of the include directories), then rounds in a rotating order.
        for r in range(-1, args.rounds):
            order = targets[r % len(targets):] + targets[:r % len(targets)]
            for t in order:
                before = t.lookups()
                stats, secs = storm(t, r + 1, args.dirs, args.names, args.repeat)
                after = t.lookups()
                row = {"stats": stats, "seconds": secs, "stats_per_sec": stats / secs,
                       "lookups_top": after["top"] - before["top"], "lookups_below": after["below"] - before["below"]}
                if r >= 0:
                    results[t.name].append(row)
                print("%s %-18s %7d stats %7.2f s %9.1f stats/s  lookups: %6d at the cache, %6d below it" % (
                    "warm-up" if r < 0 else "round %d" % (r + 1), t.name, stats, secs, row["stats_per_sec"],
                    row["lookups_top"], row["lookups_below"]), file=sys.stderr)
    finally:
        for t in targets:
            t.unmount()
        release_tmpfs(work)

    print()
    print("lookup storm: %d dirs x %d names x %d times = %d stats of missing names, %d us delay per lookup below the cache%s" % (
        args.dirs, args.names, args.repeat, args.dirs * args.names * args.repeat, args.delay_us,
        ", positive entries on (directories made through the mount)" if args.positive else ""))
    print("%-20s %12s %14s %14s %16s" % ("target", "stats/s", "lookups@cache", "lookups@child", "stats per child"))
    med = {}
    for name, rows in results.items():
        m = {k: statistics.median(row[k] for row in rows) for k in ("stats_per_sec", "lookups_top", "lookups_below")}
        med[name] = m
        print("%-20s %12.1f %14d %14d %16.1f" % (name, m["stats_per_sec"], m["lookups_top"], m["lookups_below"],
                                                 args.dirs * args.names * args.repeat / max(1, m["lookups_below"])))
    print()
    for engine in args.engines.split(","):
        a, b = med[engine + "-cache"], med[engine + "-nocache"]
        speed = [x["stats_per_sec"] / y["stats_per_sec"] for x, y in zip(results[engine + "-cache"], results[engine + "-nocache"])]
        fewer = [y["lookups_below"] / max(1, x["lookups_below"]) for x, y in zip(results[engine + "-cache"], results[engine + "-nocache"])]
        print("%-10s with the cache: %.1fx the stats/s (rounds %s), %.1fx fewer lookups reaching the child (rounds %s)" % (
            engine, a["stats_per_sec"] / b["stats_per_sec"], ", ".join("%.1f" % s for s in speed),
            b["lookups_below"] / max(1, a["lookups_below"]), ", ".join("%.1f" % s for s in fewer)))
    if "rxlator-cache" in med and "glusterfs-cache" in med:
        print("rxlator/glusterfs stats/s: with the cache %.2f, without %.2f" % (
            med["rxlator-cache"]["stats_per_sec"] / med["glusterfs-cache"]["stats_per_sec"],
            med["rxlator-nocache"]["stats_per_sec"] / med["glusterfs-nocache"]["stats_per_sec"]))
    os.makedirs(os.path.join(HERE, "benchmarks", "results"), exist_ok=True)
    path = os.path.join(HERE, "benchmarks", "results",
                        "lookup-storm-%s.json" % datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump({"args": vars(args), "results": results, "medians": med}, f, indent=2)
    print("results in %s" % path)


main()
