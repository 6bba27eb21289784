#!/usr/bin/env bash
# Regenerates docs/robustness.md (issue 14): every strategy on 50 generated devices (sim:random,seed=1..50) x
# {closed, periodic:10, periodic:30, poisson:20, bursty:20,5,10} x {steady, thermal}, 2 run seeds per cell, 60 s of
# simulated time per strategy and seed. SIMULATED numbers (zeus-sim) on MiniLM's real profile, run on the GPU.
# Single-threaded and niced: about 5 minutes on one core. Extra arguments go to RobustnessMain (--devices N,
# --first-device N, --seeds N, --duration-s S, --traces 'T1;T2', --scenarios steady,thermal, --out FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl zeus-cli -am package -DskipTests
nice -n 10 java -XX:ActiveProcessorCount=1 -cp zeus-cli/target/zeus-mobile.jar org.zeusmobile.lab.RobustnessMain \
    --out docs/robustness.md "$@"
