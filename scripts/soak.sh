#!/usr/bin/env bash
# Soak: 10^7 simulated inferences through the controller with the hybrid (zeus-bench SoakBenchmark), reporting the
# heap after a full GC at the start and the end, and its largest value between runs. SIMULATED device time.
# Extra arguments go to JMH, e.g. -p inferences=1000000 for a shorter soak. Takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -pl zeus-bench -am package -DskipTests
java -jar zeus-bench/target/benchmarks.jar SoakBenchmark "$@"
