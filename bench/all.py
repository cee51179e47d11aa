#!/usr/bin/env python3
"""Start-up and loader figures side by side, for bench/all.sh: every command runs once per round, the
order rotating from round to round so that a change of machine load hits all alike; medians of wall
time and of the child's user+sys CPU time (steadier than wall time on a shared machine).

    bench/all.py ROUNDS WARMUP 'name=command' ...
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def measure(rounds, warmup, commands):
    """{name: [(wall s, user+sys s)]} for [(name, command)], run in rotating order."""
    results = {name: [] for name, _ in commands}
    with open(os.devnull, "w") as devnull:
        for i in range(warmup + rounds):
            shift = i % len(commands)
            for name, command in commands[shift:] + commands[:shift]:
                start = time.perf_counter()
                child = subprocess.Popen(shlex.split(command), stdout=devnull, stderr=devnull,
                                         stdin=subprocess.DEVNULL)
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - start
                if os.waitstatus_to_exitcode(status) != 0:
                    sys.exit(f"{name} failed: {command}")
                if i >= warmup:
                    results[name].append((wall, usage.ru_utime + usage.ru_stime))
    return results


if __name__ == "__main__":
    commands = [arg.split("=", 1) for arg in sys.argv[3:]]
    results = measure(int(sys.argv[1]), int(sys.argv[2]), commands)
    print("| command | rounds | median wall [ms] | min wall [ms] | median user+sys [ms] |")
    print("|:---|---:|---:|---:|---:|")
    for name, _ in commands:
        wall = [w * 1000 for w, _ in results[name]]
        cpu = [c * 1000 for _, c in results[name]]
        print(f"| {name} | {len(wall)} | {statistics.median(wall):.0f} | {min(wall):.0f}"
              f" | {statistics.median(cpu):.0f} |")
