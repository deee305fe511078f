"""What the comparison scripts share: commands, mounts, a quiet CPU and a tmpfs to work in."""
import os
import struct
import subprocess
import sys
import tempfile
import time


def sh(cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, text=True, capture_output=True, **kw)


def is_mounted(path):
    with open("/proc/self/mountinfo") as f:
        return any(line.split()[4] == path for line in f)


def wait_mounted(path, what, seconds=60):
    deadline = time.time() + seconds
    while not is_mounted(path):
        if time.time() > deadline:
            raise RuntimeError("%s did not mount" % what)
        time.sleep(0.05)


def unmount(path):
    if is_mounted(path):
        if sh(["umount", path], check=False).returncode != 0:
            sh(["umount", "-l", path], check=False)


def hold_cpu_latency():
    """Holds /dev/cpu_dma_latency at 0 for the life of the process (idle CPUs wake slowly)."""
    try:
        fd = os.open("/dev/cpu_dma_latency", os.O_WRONLY)
        os.write(fd, struct.pack("i", 0))
        print("holding /dev/cpu_dma_latency at 0", file=sys.stderr)
        return fd
    except OSError as e:
        print("cannot hold /dev/cpu_dma_latency (%s); numbers will be noisier" % e.strerror, file=sys.stderr)
        return None


def tmpfs(prefix, size):
    """A fresh directory with a tmpfs mounted on it."""
    work = tempfile.mkdtemp(prefix=prefix)
    sh(["mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", work])
    return work


def release_tmpfs(work):
    """Unmounts a tmpfs from tmpfs() once the processes using it have let go, and removes it."""
    deadline = time.time() + 30
    while sh(["umount", work], check=False).returncode != 0 and time.time() < deadline:
        time.sleep(0.1)
    if is_mounted(work):
        sh(["umount", "-l", work], check=False)
    os.rmdir(work)
