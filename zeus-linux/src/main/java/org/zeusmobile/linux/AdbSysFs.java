package org.zeusmobile.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * A phone's filesystem over {@code adb -s SERIAL shell}, for a host that drives the phone. Every call
 * is one shell round-trip with a timeout; {@link #readAll} reads any number of files in one. Paths are
 * checked against {@link SysFs#SAFE_PATH} and single-quoted, values must be plain numbers or governor
 * names, so nothing from a file name or a configuration can inject shell code. When the shell user is
 * not root and {@code su} works, commands run through {@code su -c}.
 */
public final class AdbSysFs implements SysFs {

    /** Whether to wrap commands in {@code su -c}. */
    public enum Su {
        /** Use su when the shell is not root and {@code su -c id -u} answers 0. */
        AUTO,
        ALWAYS,
        NEVER
    }

    private static final String DONE = "@@zeus-done@@";
    private static final String FILE = "@@zeus@@";
    private static final String MISSING = "@@zeus-missing@@";
    private static final String FAILED = "@@zeus-failed@@";
    private static final Pattern SECTION = Pattern.compile("(?m)^" + FILE + " (\\d+)$");
    private static final String STATE = "@@zeus-state@@";
    /** A serial never starts with '-': adb would take it for an option. */
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._:][A-Za-z0-9._:\\-]*");

    private final String adb;
    private final String serial;
    private final long timeoutNs;
    private boolean su;
    private String user = "shell";

    private AdbSysFs(String adb, String serial, long timeoutNs) {
        requireSerial(serial);
        if (timeoutNs <= 0) {
            throw new IllegalArgumentException("adb timeout must be positive, got " + timeoutNs + " ns");
        }
        this.adb = adb;
        this.serial = serial;
        this.timeoutNs = timeoutNs;
    }

    /** Checks that {@code serial} is one adb could list, and never an option to it. */
    static String requireSerial(String serial) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("'" + serial + "' is not an adb serial (letters, digits, . _ : -, not starting "
                    + "with -); see `adb devices`");
        }
        return serial;
    }

    /**
     * Connects to {@code serial} with the adb executable {@code adb} (a name on PATH or a path), finds
     * the shell user and whether {@code su} is needed and works.
     */
    public static AdbSysFs connect(String adb, String serial, long timeoutNs, Su su) {
        AdbSysFs fs = new AdbSysFs(adb, serial, timeoutNs);
        String[] id = fs.shell("id -u; id -un").trim().split("\\s+");
        String uid = id.length > 0 ? id[0] : "";
        fs.user = id.length > 1 ? id[1] : "uid " + uid;
        if (su == Su.ALWAYS || su == Su.AUTO && !uid.equals("0") && fs.shell("su -c 'id -u' 2>/dev/null").trim().equals("0")) {
            fs.su = true;
            fs.user = "root (su)";
        }
        return fs;
    }

    /** The serials {@code adb devices} lists as ready. */
    public static List<String> devices(String adb, long timeoutNs) {
        String output = run(new String[] {adb, "devices"}, timeoutNs, "adb devices").stdout;
        List<String> serials = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[1].equals("device")) {
                serials.add(parts[0]);
            }
        }
        return serials;
    }

    public String serial() {
        return serial;
    }

    public boolean usesSu() {
        return su;
    }

    static String quote(String path) {
        return "'" + SysFs.requireSafePath(path) + "'";
    }

    private static String requireValue(String value, String path) {
        if (value == null || !Journal.isWritableValue(value)) {
            throw new IllegalArgumentException("refusing to write '" + value + "' to " + path
                    + ": only plain numbers and governor names are sent to the device");
        }
        return "'" + value + "'";
    }

    /** Runs {@code script} in the device shell (through su when needed); returns its output, the end marker removed. */
    private String shell(String script) {
        String full = script + "; echo " + DONE;
        String command = su ? "su -c '" + full.replace("'", "'\\''") + "'" : full;
        Result result = run(new String[] {adb, "-s", serial, "shell", command}, timeoutNs, "adb -s " + serial + " shell");
        int done = result.stdout.lastIndexOf(DONE);
        if (done < 0) {
            throw new DeviceDisconnectedException("adb device " + serial + " did not answer (" + firstLine(result.stderr + result.stdout)
                    + "): it is disconnected, offline or unauthorised; reconnect it and check `adb devices`. "
                    + "The journal on the device lets `zeus-mobile restore --device adb:" + serial + "` put the knobs back");
        }
        return result.stdout.substring(0, done);
    }

    private static String firstLine(String text) {
        String trimmed = text.trim();
        int newline = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "no output" : newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    private static final class Result {
        final String stdout;
        final String stderr;

        Result(String stdout, String stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    private static Result run(String[] command, long timeoutNs, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new DeviceException("cannot run '" + command[0] + "': install Android platform-tools and put adb on PATH, "
                    + "or name it with adb=PATH in the device spec (" + e.getMessage() + ")", e);
        }
        try {
            process.getOutputStream().close(); // adb shell must never wait for input (su asking for a password)
        } catch (IOException ignored) {
            // nothing to close
        }
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        out.start();
        err.start();
        try {
            if (!process.waitFor(timeoutNs, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                throw new DeviceDisconnectedException(what + " did not answer within " + timeoutNs / 1_000_000
                        + " ms: the device may be disconnected or hung; check `adb devices`");
            }
            out.join(timeoutNs / 1_000_000 + 1);
            err.join(timeoutNs / 1_000_000 + 1);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DeviceException(what + " was interrupted", e);
        }
        return new Result(out.text(), err.text());
    }

    /** Reads a stream to the end on its own thread, so that a full pipe never blocks adb. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        String text() {
            synchronized (bytes) {
                return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public String readOrNull(String path) {
        return readAll(Collections.singletonList(path)).get(path);
    }

    @Override
    public Map<String, String> readAll(List<String> paths) {
        Map<String, String> values = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            return values;
        }
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            script.append(i == 0 ? "" : "; ").append("echo; echo '").append(FILE).append(' ').append(i).append("'; cat ")
                    .append(quote(paths.get(i))).append(" 2>/dev/null || echo '").append(MISSING).append('\'');
        }
        String output = shell(script.toString());
        Matcher matcher = SECTION.matcher(output);
        List<int[]> sections = new ArrayList<>();
        while (matcher.find()) {
            sections.add(new int[] {Integer.parseInt(matcher.group(1)), matcher.start(), matcher.end()});
        }
        for (String path : paths) {
            values.put(path, null);
        }
        for (int s = 0; s < sections.size(); s++) {
            int[] section = sections.get(s);
            int end = s + 1 < sections.size() ? sections.get(s + 1)[1] : output.length();
            String content = output.substring(section[2], end).replaceAll("^\\r?\\n", "").replaceAll("\\s+$", "");
            if (section[0] < paths.size() && !content.endsWith(MISSING)) {
                values.put(paths.get(section[0]), content + "\n");
            }
        }
        return values;
    }

    @Override
    public List<String> list(String dir) {
        List<String> names = new ArrayList<>();
        for (String line : shell("ls -1 " + quote(dir) + " 2>/dev/null").split("\n")) {
            if (!line.trim().isEmpty()) {
                names.add(line.trim());
            }
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public boolean isDirectory(String path) {
        return shell("[ -d " + quote(path) + " ] && echo y || echo n").trim().equals("y");
    }

    @Override
    public boolean isFile(String path) {
        return shell("[ -f " + quote(path) + " ] && echo y || echo n").trim().equals("y");
    }

    @Override
    public void write(String path, String value) {
        String output = shell("{ printf '%s\\n' " + requireValue(value, path) + " > " + quote(path) + "; } 2>&1 || echo " + FAILED);
        if (output.contains(FAILED)) {
            if (output.contains("Permission denied") || output.contains("Read-only") || output.contains("not permitted")) {
                throw LocalSysFs.permissionDenied(path, user, describe());
            }
            throw new DeviceException("writing '" + value + "' to " + path + " on " + describe() + " failed: "
                    + firstLine(output.replace(FAILED, "")));
        }
    }

    /**
     * Shell code that looks at {@code $d} without following it: {@code $w} becomes {@code absent}, {@code symlink},
     * {@code notdir} or {@code OWNER:MODE MYUID}, and {@code $p} is {@code y} for a directory of this user with mode 0700.
     */
    private static final String INSPECT = "if [ -L \"$d\" ]; then w=symlink; elif [ ! -e \"$d\" ]; then w=absent; "
            + "elif [ ! -d \"$d\" ]; then w=notdir; else w=\"$(stat -c %u:%a \"$d\") $(id -u)\"; fi; "
            + "p=n; [ \"$w\" = \"$(id -u):700 $(id -u)\" ] && p=y";

    private static String parent(String path) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        return dir.isEmpty() ? "/" : dir;
    }

    /** The words after the state marker, and what follows their line, and what came before it. */
    private static String[] state(String output, String what) {
        int at = output.lastIndexOf(STATE + " ");
        if (at < 0) {
            throw new DeviceException(what + ": the device gave no answer (" + firstLine(output) + ")");
        }
        int lineEnd = output.indexOf('\n', at);
        String line = output.substring(at + STATE.length() + 1, lineEnd < 0 ? output.length() : lineEnd).trim();
        return new String[] {line, lineEnd < 0 ? "" : output.substring(lineEnd + 1), output.substring(0, at)};
    }

    /** Refuses {@code dir} unless INSPECT found it private; {@code inspected} is $w. */
    private void requirePrivate(String dir, String inspected) {
        String[] words = inspected.trim().split("\\s+");
        String why;
        if (words[0].equals("symlink")) {
            why = "is a symlink";
        } else if (words[0].equals("notdir")) {
            why = "is not a directory";
        } else if (words[0].equals("absent")) {
            throw new UnusableDeviceException("the journal directory " + dir + " on " + describe() + " vanished");
        } else {
            String[] ownerMode = words[0].split(":");
            if (ownerMode.length == 2 && words.length == 2 && !ownerMode[0].equals(words[1])) {
                why = "belongs to uid " + ownerMode[0] + ", not to this user (uid " + words[1] + ")";
            } else if (ownerMode.length == 2 && !ownerMode[1].equals("700")) {
                why = "is open to other users (mode " + ownerMode[1] + ")";
            } else if (ownerMode.length == 2) {
                return;
            } else {
                why = "cannot be inspected (" + inspected + ")";
            }
        }
        throw new UnusableDeviceException(dir + " on " + describe() + " " + why + ": zeus-mobile keeps its journal only in a "
                + "directory nobody else can write (mode 0700, its own user); remove " + dir + " and it is made again, "
                + "or name another with journalDir=DIR");
    }

    @Override
    public boolean makePrivateDirectory(String dir) {
        String output = shell("{ d=" + quote(dir) + "; " + INSPECT + "; c=n; if [ \"$w\" = absent ]; then mkdir -m 700 \"$d\" "
                + "&& c=y; " + INSPECT + "; fi; echo '" + STATE + "' $c $w; } 2>&1");
        String[] answer = state(output, "making " + dir);
        String inspected = answer[0].substring(1).trim();
        if (inspected.equals("absent")) {
            if (answer[2].contains("Permission denied") || answer[2].contains("Read-only")) {
                throw LocalSysFs.permissionDenied(dir, user, describe());
            }
            throw new UnusableDeviceException("cannot make the directory " + dir + " on " + describe() + ": "
                    + firstLine(answer[2]));
        }
        requirePrivate(dir, inspected);
        return answer[0].startsWith("y");
    }

    @Override
    public void writeAtomic(String path, String content) {
        String temp = path + LocalSysFs.TEMPORARY + "XXXXXX";
        StringBuilder lines = new StringBuilder();
        for (String line : content.split("\n")) {
            if (line.indexOf('\'') >= 0 || line.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("journal line '" + line + "' holds a quote or backslash");
            }
            lines.append(" '").append(line).append('\'');
        }
        // mktemp creates the file new (O_EXCL, mode 0600) in the private directory; mv renames over the journal
        String output = shell("{ d=" + quote(parent(path)) + "; " + INSPECT + "; if [ $p = y ]; then t=$(mktemp " + quote(temp)
                + ") && printf '%s\\n'" + lines + " > \"$t\" && sync && mv -f \"$t\" " + quote(path) + " && r=ok "
                + "|| { rm -f \"$t\"; r=failed; }; else r=refused; fi; echo '" + STATE + "' $r $w; } 2>&1");
        String[] answer = state(output, "writing the journal " + path);
        if (answer[0].startsWith("refused")) {
            requirePrivate(parent(path), answer[0].substring("refused".length()));
        }
        if (!answer[0].startsWith("ok")) {
            if (answer[2].contains("Permission denied") || answer[2].contains("Read-only")) {
                throw LocalSysFs.permissionDenied(path, user, describe());
            }
            throw new DeviceException("cannot write the journal " + path + " on " + describe() + ": " + firstLine(answer[2]));
        }
    }

    @Override
    public String readPrivate(String path) {
        String output = shell("d=" + quote(parent(path)) + "; f=" + quote(path) + "; " + INSPECT + "; "
                + "if [ \"$w\" = absent ]; then echo '" + STATE + "' absent; elif [ $p != y ]; then echo '" + STATE + "' refused $w; "
                + "elif [ -L \"$f\" ]; then echo '" + STATE + "' symlink; elif [ ! -e \"$f\" ]; then echo '" + STATE + "' absent; "
                + "elif [ ! -f \"$f\" ]; then echo '" + STATE + "' notfile; else echo '" + STATE + "' content; cat \"$f\"; fi");
        String[] answer = state(output, "reading the journal " + path);
        if (answer[0].startsWith("refused")) {
            requirePrivate(parent(path), answer[0].substring("refused".length()));
        }
        switch (answer[0]) {
            case "absent":
                return null;
            case "content":
                return answer[1];
            default:
                throw new UnusableDeviceException(path + " on " + describe() + " is " + (answer[0].equals("symlink")
                        ? "a symlink" : "not a regular file") + ": refusing to read it as the journal; remove it");
        }
    }

    @Override
    public void delete(String path) {
        // rm unlinks names: a symlink goes, its target stays; the glob takes writeAtomic's leftovers
        shell("rm -f " + quote(path) + " " + quote(path) + LocalSysFs.TEMPORARY + "*");
    }

    @Override
    public boolean removeEmptyDirectory(String dir) {
        return shell("rmdir " + quote(dir) + " 2>/dev/null && echo y || echo n").trim().equals("y");
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String describe() {
        return "adb device " + serial;
    }
}
