"""protocol/client -> protocol/server on 127.0.0.1, rxlator against GlusterFS 10.3, through FUSE
mounts driven by fio; run through benchmarks/protocol-compare.sh.

Both engines serve the same hand-written brick volfile (storage/posix on a tmpfs under
protocol/server) and mount the same client volfile (protocol/client alone), with attribute and
entry timeouts 0 so every stat reaches the server. Workloads, each with 1, 16 and 128 fio jobs:
stat (fio's filestat engine), 4 KiB random reads (O_DIRECT), 128 KiB sequential writes and
reads (O_DIRECT). Rounds run the targets in a rotating order; the table shows medians and the
rxlator/GlusterFS ratio.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

from benchlib import hold_cpu_latency, release_tmpfs, sh, tmpfs, unmount, wait_mounted

HERE = sys.argv[1]
JAR = os.path.join(HERE, "fuse-adapter", "target", "rxlator.jar")




SERVER = """volume posix
    type storage/posix
    option directory {brick}
end-volume

volume server
    type protocol/server
    option transport-type tcp
    option transport.socket.listen-port {port}
    option transport.socket.bind-address 127.0.0.1
    option auth.addr.posix.allow 127.0.0.1
    subvolumes posix
end-volume
"""

CLIENT = """volume client
    type protocol/client
    option transport-type tcp
    option remote-host 127.0.0.1
    option remote-port {port}
    option remote-subvolume posix
end-volume
"""


class Target:
    def __init__(self, engine, work, port):
        self.engine = engine
        self.name = engine
        self.brick = os.path.join(work, engine + "-brick")
        self.mnt = os.path.join(work, engine + "-mnt")
        os.makedirs(self.brick)
        os.makedirs(self.mnt)
        self.port = port
        self.server_vol = os.path.join(work, engine + "-server.vol")
        self.client_vol = os.path.join(work, engine + "-client.vol")
        with open(self.server_vol, "w") as f:
            f.write(SERVER.format(brick=self.brick, port=port))
        with open(self.client_vol, "w") as f:
            f.write(CLIENT.format(port=port))
        self.server = None
        self.pidfile = os.path.join(work, engine + "-server.pid")

    def start(self):
        if self.engine == "rxlator":
            self.server = subprocess.Popen(["java", "-jar", JAR, "serve", "-f", self.server_vol, "-l", self.brick + ".log"],
                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            line = self.server.stdout.readline()
            # Nothing reads it from here on: let it go to nowhere rather than fill the pipe.
            subprocess.Popen(["cat"], stdin=self.server.stdout, stdout=subprocess.DEVNULL)
            if not line.startswith("serving"):
                raise RuntimeError("rxlator serve: " + line)
            sh(["java", "-jar", JAR, "mount", "-f", self.client_vol, "-o", "attribute-timeout=0,entry-timeout=0",
                "--log-file", self.mnt + ".log", self.mnt])
        else:
            sh(["glusterfsd", "-f", self.server_vol, "-l", self.brick + ".log", "-p", self.pidfile,
                "--brick-name", self.brick, "--brick-port", str(self.port)])
            sh(["glusterfs", "-f", self.client_vol, "--attribute-timeout=0", "--entry-timeout=0",
                "-l", self.mnt + ".log", self.mnt])
        wait_mounted(self.mnt, self.name)

    def stop(self):
        """Unmounts and stops the server, killing it if SIGTERM is not enough within 30 s."""
        unmount(self.mnt)
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        elif os.path.exists(self.pidfile):
            with open(self.pidfile) as f:
                pid = int(f.read().strip())
            os.kill(pid, 15)
            for _ in range(300):
                if not os.path.exists("/proc/%d" % pid):
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, 9)


def fio(target, name, args, seconds, jobs):
    out = os.path.join(target.mnt, name)
    os.makedirs(out, exist_ok=True)
    cmd = ["fio", "--name=" + name, "--directory=" + out, "--output-format=json", "--numjobs=%d" % jobs,
           "--group_reporting", "--time_based", "--runtime=%d" % seconds] + args
    r = sh(cmd)
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(r.stdout[r.stdout.index("{"):])["jobs"][0]


def per_job(total_mb, jobs):
    """A file size per job that keeps the total near total_mb."""
    return "--size=%dM" % max(4, total_mb // jobs)


WORKLOADS = [
    ("stat", "ops/s", lambda t, s, j: fio(t, "stat", ["--ioengine=filestat", "--nrfiles=100", "--filesize=4k"], s, j)["read"]["iops"]),
    ("rand-read-4k", "ops/s", lambda t, s, j: fio(t, "rr", ["--ioengine=psync", "--rw=randread", "--bs=4k", per_job(256, j),
                                                            "--direct=1"], s, j)["read"]["iops"]),
    ("write-128k", "MB/s", lambda t, s, j: fio(t, "sw", ["--ioengine=psync", "--rw=write", "--bs=128k", per_job(1024, j),
                                                         "--direct=1"], s, j)["write"]["bw_bytes"] / 1e6),
    ("read-128k", "MB/s", lambda t, s, j: fio(t, "sr", ["--ioengine=psync", "--rw=read", "--bs=128k", per_job(1024, j),
                                                        "--direct=1"], s, j)["read"]["bw_bytes"] / 1e6),
]


def main():
    ap = argparse.ArgumentParser(prog="protocol-compare.sh")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--jobs", default="1,16,128")
    args = ap.parse_args(sys.argv[2:])
    jobs = [int(j) for j in args.jobs.split(",")]
    latency = hold_cpu_latency()  # noqa: F841 (held open for the run)
    work = tmpfs("rxlator-protocol-", "8g")
    targets = [Target("rxlator", work, 24911), Target("glusterfs", work, 24912)]
    results = {}
    try:
        for t in targets:
            t.start()
        for r in range(-1, args.rounds):
            order = targets[r % 2:] + targets[:r % 2]
            for w, unit, run in WORKLOADS:
                for j in jobs:
                    for t in order:
                        v = run(t, args.seconds, j)
                        if r >= 0:
                            results.setdefault((w, j), {}).setdefault(t.name, []).append(v)
                        print("%s %-13s %4d jobs %-10s %12.1f %s" % ("warm-up" if r < 0 else "round %d" % (r + 1), w, j,
                                                                     t.name, v, unit), file=sys.stderr)
    finally:
        for t in targets:
            try:
                t.stop()
            except Exception as e:  # the others are still stopped, and the tmpfs released
                print("stopping %s failed: %s" % (t.name, e), file=sys.stderr)
        release_tmpfs(work)

    print()
    print("%-13s %5s %-6s %12s %12s %20s" % ("workload", "jobs", "unit", "rxlator", "glusterfs", "rxlator/glusterfs"))
    table = {}
    for w, unit, _ in WORKLOADS:
        for j in jobs:
            rx = results[(w, j)]["rxlator"]
            gl = results[(w, j)]["glusterfs"]
            ratios = [a / b for a, b in zip(rx, gl)]
            print("%-13s %5d %-6s %12.1f %12.1f %20s" % (w, j, unit, statistics.median(rx), statistics.median(gl),
                                                        "%.2f (%.2f-%.2f)" % (statistics.median(ratios), min(ratios), max(ratios))))
            table["%s/%d" % (w, j)] = {"unit": unit, "rxlator": rx, "glusterfs": gl}
    print("\nmedians of %d rounds, %d s each; ratio ranges are per-round min/max" % (args.rounds, args.seconds))
    os.makedirs(os.path.join(HERE, "benchmarks", "results"), exist_ok=True)
    path = os.path.join(HERE, "benchmarks", "results",
                        "protocol-compare-%s.json" % datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump(table, f, indent=2)
    print("results in %s" % path)


main()
