package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.zeusmobile.lab.CompareResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile report RESULTS.json --out DIR}: regenerates the report and plots from saved results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates report.html, the plots and the CSV from a saved results.json.")
final class ReportCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "results.json written by compare --out")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the report into.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CompareResult document = Report.read(results);
        Limits.writableDirectory(out, "--out");
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            for (Path written : Report.write(document, out)) {
                stdout.println("wrote " + written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage(), e);
        }
    }
}
