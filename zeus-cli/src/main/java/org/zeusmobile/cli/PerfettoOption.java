package org.zeusmobile.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --perfetto FILE}, shared by optimize, compare and measure. */
final class PerfettoOption {

    @Option(names = "--perfetto", paramLabel = "FILE",
            description = "Also write a Perfetto trace here (open it at ui.perfetto.dev or with trace_processor; "
                    + "see docs/cli.md).")
    Path file;
}
