#!/usr/bin/env python3
"""Interleaved A/B timing, for a machine shared with other jobs: each round runs every command once
(the order rotating; for two commands, alternating), so that load changes hit all of them alike.
Reports wall time and the child's user+sys CPU time (less sensitive to contention than wall time).
The rounds are bench/all.py's.

    bench/pairs.py RUNS WARMUP 'before=java -jar before.jar config --quiet -f F' 'after=java -jar ...'
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from all import measure  # noqa: E402

commands = [arg.split("=", 1) for arg in sys.argv[3:]]
results = measure(int(sys.argv[1]), int(sys.argv[2]), commands)
for name, _ in commands:
    wall = [w for w, _ in results[name]]
    cpu = [c for _, c in results[name]]
    print(f"{name:10s} wall {statistics.mean(wall):.3f} ± {statistics.stdev(wall):.3f} s"
          f" (min {min(wall):.3f})  user+sys {statistics.mean(cpu):.3f} s (min {min(cpu):.3f})")
