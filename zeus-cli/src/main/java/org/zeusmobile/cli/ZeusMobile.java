package org.zeusmobile.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.RestoreFailedException;
import org.zeusmobile.core.device.UnusableDeviceException;
import org.zeusmobile.core.guard.Guard;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zeus-mobile} command: measure and minimise the energy of inference on phones and boards. */
@Command(name = "zeus-mobile", mixinStandardHelpOptions = true, version = "zeus-mobile 0.1.0",
        description = "Measures and minimises the energy of neural-network inference on phones, edge boards "
                + "and hosts, or on a simulated SoC (the default device).",
        subcommands = {CompareCommand.class, OptimizeCommand.class, ProfileCommand.class, DevicesCommand.class,
            ModelCommand.class, MeasureCommand.class, ApplyCommand.class, RestoreCommand.class, ReportCommand.class})
public final class ZeusMobile implements java.util.concurrent.Callable<Integer> {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure while running. */
    public static final int FAILURE = 1;
    /** Exit code for bad input: a usage error, an unknown device, an illegal value. */
    public static final int USAGE = 2;
    /** Exit code for a device that cannot be used as found (needs root, a kernel file holds garbage); nothing was changed. */
    public static final int DEVICE_UNUSABLE = 3;
    /** Exit code for knobs that could not be restored: the device is left changed, the journal keeps the originals. */
    public static final int NOT_RESTORED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // A signal (SIGTERM, SIGINT) runs the shutdown hooks, which restore the knobs: say what they put back.
        Guard.setShutdownListener((device, restored, failure) -> {
            System.err.println("zeus-mobile: stopped by a signal; " + (failure == null
                    ? "restored " + String.join(", ", restored) + " on " + device
                    : "restore on " + device + " failed: " + failure.getMessage()));
            System.err.flush();
        });
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code; never exits the process (tests call this). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ZeusMobile());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("zeus-mobile: " + oneLine(exception));
            line.getErr().flush();
            return exitCode(exception);
        });
        commandLine.setParameterExceptionHandler((exception, parsedArgs) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println("zeus-mobile: " + oneLine(exception) + " (see: zeus-mobile "
                    + line.getCommandSpec().qualifiedName(" ").replaceFirst("^zeus-mobile ?", "") + " --help)");
            line.getErr().flush();
            return USAGE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The exit code for what went wrong (docs/cli.md, "Exit codes"). */
    static int exitCode(Throwable exception) {
        if (exception instanceof IllegalArgumentException || jsonCause(exception) != null
                || exception instanceof org.zeusmobile.store.ProfileStoreException) {
            return USAGE; // bad option, input file, or a store that cannot be written (checked before any run)
        }
        if (exception instanceof RestoreFailedException) {
            return NOT_RESTORED;
        }
        if (exception instanceof UnusableDeviceException) {
            return DEVICE_UNUSABLE;
        }
        return FAILURE;
    }

    /** The JSON parse error behind {@code exception}, if any: a malformed input file. */
    private static JsonProcessingException jsonCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }

    /** One line in zeus-mobile's words: never a library's class name or its internal hints. */
    static String oneLine(Throwable exception) {
        String message = exception.getMessage();
        JsonProcessingException json = jsonCause(exception);
        if (json != null) {
            String own = message == null || exception == json ? "" : message.split("\n")[0];
            int cause = json.getMessage() == null ? -1 : own.indexOf(json.getMessage().split("\n")[0]);
            return (cause > 0 ? own.substring(0, cause) : own.isEmpty() ? "" : own + ": ") + "malformed JSON: "
                    + Json.describe(json);
        }
        if (exception instanceof FileSystemException) {
            FileSystemException fs = (FileSystemException) exception;
            return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
                    : exception instanceof NoSuchFileException ? "no such file or directory"
                    : exception instanceof AccessDeniedException ? "permission denied" : "cannot be used");
        }
        if (exception instanceof UncheckedIOException && exception.getCause() instanceof FileSystemException
                && (message == null || message.equals(exception.getCause().toString()))) {
            return oneLine(exception.getCause());
        }
        if (message != null && !message.isEmpty() && (exception instanceof DeviceException
                || exception instanceof IllegalArgumentException || exception instanceof IllegalStateException
                || exception instanceof org.zeusmobile.store.ProfileStoreException
                || exception instanceof CommandLine.ParameterException || exception instanceof IOException
                || exception instanceof UncheckedIOException)) {
            return message.replace('\n', ' ');
        }
        StackTraceElement[] at = exception.getStackTrace();
        return "internal error (" + exception.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + (at.length > 0 ? " at " + at[0].getClassName() + "." + at[0].getMethodName() : "")
                + "); please report it with the command line that caused it";
    }

    /**
     * With no subcommand, the main job: compare every strategy on the default simulated device and model,
     * default SLO, 3 seeds, and write the report to ./zeus-report.
     */
    @Override
    public Integer call() {
        CommandLine compare = new CommandLine(new CompareCommand());
        compare.setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr());
        compare.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
        return compare.execute("--out", CompareCommand.DEFAULT_REPORT_DIR.toString());
    }
}
