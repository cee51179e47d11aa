#!/usr/bin/env python3
"""Interleaved A/B timing, for a machine shared with other jobs: each round runs every command once
(alternating the order), so that load changes hit all of them alike. Reports wall time and the
child's user+sys CPU time (less sensitive to contention than wall time).

    bench/pairs.py RUNS WARMUP 'before=java -jar before.jar config --quiet -f F' 'after=java -jar ...'
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

runs, warmup = int(sys.argv[1]), int(sys.argv[2])
commands = [arg.split("=", 1) for arg in sys.argv[3:]]
results = {name: [] for name, _ in commands}
with open(os.devnull, "w") as devnull:
    for i in range(warmup + runs):
        for name, command in (commands if i % 2 == 0 else commands[::-1]):
            start = time.perf_counter()
            child = subprocess.Popen(shlex.split(command), stdout=devnull, stderr=devnull)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"{name} failed: {command}")
            if i >= warmup:
                results[name].append((wall, usage.ru_utime + usage.ru_stime))
for name, _ in commands:
    wall = [w for w, _ in results[name]]
    cpu = [c for _, c in results[name]]
    print(f"{name:10s} wall {statistics.mean(wall):.3f} ± {statistics.stdev(wall):.3f} s"
          f" (min {min(wall):.3f})  user+sys {statistics.mean(cpu):.3f} s (min {min(cpu):.3f})")
