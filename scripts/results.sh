#!/usr/bin/env bash
# Regenerates docs/results.md: every strategy x {snapdragon-8-gen-2, jetson-orin-nano, jetson-tx2}
# x {minilm, bge-small} x {steady, thermal, interference, input-change}, 3 seeds, 10 simulated minutes each.
# SIMULATED numbers (zeus-sim) on the real models' profiles from zeus-onnx, run on the GPU. Extra arguments go to ResultsMain
# (--seeds N, --duration-s S, --trace T, --out FILE). Takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl zeus-cli -am package -DskipTests
java -cp zeus-cli/target/zeus-mobile.jar org.zeusmobile.lab.ResultsMain --out docs/results.md "$@"
