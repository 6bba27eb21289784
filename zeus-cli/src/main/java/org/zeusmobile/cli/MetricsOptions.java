package org.zeusmobile.cli;

import picocli.CommandLine.Option;

/** Where optimize serves its Prometheus metrics while it runs. */
final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics while the run lasts (0: any free "
                    + "port; the address is printed on stderr). Names in docs/cli.md.")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to serve metrics on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;
}
