#!/usr/bin/env bash
# Regenerates docs/results.md: every strategy x every built-in simulated device x {minilm, bge-small}
# x {steady, thermal, interference, input-change}, 3 seeds, 10 simulated minutes each; a batch-1 table per device;
# and the savings as ranges over 48 profiles per device drawn within their estimates' ranges (10 simulated minutes,
# one seed). SIMULATED numbers (zeus-sim) on the real models' profiles from zeus-onnx, run on the GPU. Extra arguments
# go to ResultsMain (--seeds N, --duration-s S, --trace T, --draws N, --draw-duration-s S, --out FILE).
# Takes about 15 minutes (one thread).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl zeus-cli -am package -DskipTests
java -cp zeus-cli/target/zeus-mobile.jar org.zeusmobile.lab.ResultsMain --out docs/results.md "$@"
