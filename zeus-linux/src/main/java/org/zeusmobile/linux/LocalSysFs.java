package org.zeusmobile.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.DeviceException;

/** The local filesystem under a root directory ({@code /} on the device itself, a fixture tree in tests). */
public final class LocalSysFs implements SysFs {

    private final Path root;

    /** @param root the directory that stands for {@code /}; it must exist */
    public LocalSysFs(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("root directory " + root + " does not exist: give an existing directory", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("root " + root + " is not a directory");
        }
    }

    /** The machine's own filesystem. */
    public static LocalSysFs system() {
        return new LocalSysFs(Paths.get("/"));
    }

    public Path root() {
        return root;
    }

    /** The path inside the root, symlinks not yet followed. */
    private Path lexical(String path) {
        SysFs.requireSafePath(path);
        String relative = path.replaceAll("^/+", "");
        return relative.isEmpty() ? root : root.resolve(relative).normalize();
    }

    /** The real path of an existing file, symlinks followed; escaping the root is an error. */
    private Path real(String path) throws IOException {
        Path real = lexical(path).toRealPath();
        requireInside(path, real);
        return real;
    }

    private void requireInside(String path, Path real) {
        if (!real.startsWith(root)) {
            throw new DeviceException(path + " resolves to " + real + ", outside the root " + root
                    + ": a symlink escapes the root; zeus-mobile never reads or writes outside it");
        }
    }

    @Override
    public String readOrNull(String path) {
        try {
            Path real = real(path);
            if (!Files.isRegularFile(real)) {
                return null;
            }
            return new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Map<String, String> readAll(List<String> paths) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String path : paths) {
            values.put(path, readOrNull(path));
        }
        return values;
    }

    @Override
    public List<String> list(String dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real(dir))) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            return names;
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public boolean isDirectory(String path) {
        try {
            return Files.isDirectory(real(path));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean isFile(String path) {
        try {
            return Files.isRegularFile(real(path));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(String path, String value) {
        try {
            Path real = real(path);
            Files.write(real, (value + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (AccessDeniedException e) {
            throw permissionDenied(path, user(), describe());
        } catch (NoSuchFileException e) {
            throw new DeviceException("cannot write " + path + " on " + describe() + ": the file does not exist");
        } catch (IOException e) {
            throw new DeviceException("writing '" + value + "' to " + path + " on " + describe() + " failed: " + e, e);
        }
    }

    @Override
    public void writeAtomic(String path, String content) {
        Path target = lexical(path);
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            requireInside(path, dir.toRealPath());
            if (Files.isSymbolicLink(target)) {
                throw new DeviceException(path + " is a symlink: refusing to replace it with the journal");
            }
            Path temp = dir.resolve(target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (AccessDeniedException e) {
            throw permissionDenied(path, user(), describe());
        } catch (IOException e) {
            throw new DeviceException("cannot write the journal " + path + " on " + describe() + ": " + e, e);
        }
    }

    /** Makes the rename durable; not every platform lets a directory be opened, so this is best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The file itself was forced; the directory entry reaches disk at the next sync.
        }
    }

    @Override
    public void delete(String path) {
        Path target = lexical(path);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                requireInside(path, target.getParent().toRealPath());
                Files.delete(target);
            }
        } catch (IOException e) {
            throw new DeviceException("cannot delete " + path + " on " + describe() + ": " + e, e);
        }
    }

    @Override
    public String user() {
        return System.getProperty("user.name", "unknown");
    }

    @Override
    public String describe() {
        return "local root " + root;
    }

    static DeviceException permissionDenied(String path, String user, String where) {
        return new DeviceException("permission denied writing " + path + " on " + where + " as user '" + user
                + "': run zeus-mobile as root (sudo on a board, `adb root` or su on a phone), "
                + "or use the unprivileged Android APIs in zeus-android (--device android), which need no root");
    }
}
