#!/usr/bin/env bash
# Checks the oracle on every built-in simulated device x {minilm, bge-small} x {steady, thermal, interference,
# input-change}: at most 1% of its requests over the SLO (SIMULATED; one seed, 10 simulated minutes each).
# Prints one line per cell and the worst; exits 1 when a cell is over. Extra arguments: --duration-s S.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl zeus-cli -am package -DskipTests
java -cp zeus-cli/target/zeus-mobile.jar org.zeusmobile.lab.OracleCheckMain "$@"
