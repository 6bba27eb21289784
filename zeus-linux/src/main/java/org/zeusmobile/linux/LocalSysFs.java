package org.zeusmobile.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.UnusableDeviceException;

/** The local filesystem under a root directory ({@code /} on the device itself, a fixture tree in tests). */
public final class LocalSysFs implements SysFs {

    /** Mode 0700: what the journal's directory must have. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** Infix of writeAtomic's temporary files: {@code journal.tmp-<random>}. */
    static final String TEMPORARY = ".tmp-";

    private final Path root;
    private final SecureRandom random = new SecureRandom();
    private UserPrincipal self;

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
            throw new DeviceException("writing '" + value + "' to " + path + " on " + describe() + " failed: " + reason(e), e);
        }
    }

    @Override
    public boolean makePrivateDirectory(String dir) {
        Path path = lexical(dir);
        try {
            requireInside(dir, path.getParent().toRealPath());
            boolean created = false;
            try {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                created = true;
            } catch (FileAlreadyExistsException exists) {
                // checked below like any directory found in place
            }
            requirePrivate(dir, path);
            return created;
        } catch (NoSuchFileException e) {
            throw new UnusableDeviceException("cannot make the directory " + dir + " on " + describe()
                    + ": its parent does not exist");
        } catch (AccessDeniedException e) {
            throw permissionDenied(dir, user(), describe());
        } catch (IOException e) {
            throw new DeviceException("cannot make the directory " + dir + " on " + describe() + ": " + reason(e), e);
        }
    }

    /** A directory, not a symlink, this user's, closed to group and others: nobody else can swap its files. */
    private void requirePrivate(String dir, Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String refuse = null;
        if (attributes.isSymbolicLink()) {
            refuse = "is a symlink";
        } else if (!attributes.isDirectory()) {
            refuse = "is not a directory";
        } else if (!attributes.owner().getName().equals(owner().getName())) {
            refuse = "belongs to user '" + attributes.owner().getName() + "', not to '" + owner().getName() + "'";
        } else if (!OWNER_ONLY.containsAll(attributes.permissions())) {
            refuse = "is open to other users (mode " + PosixFilePermissions.toString(attributes.permissions()) + ")";
        }
        if (refuse != null) {
            throw new UnusableDeviceException(dir + " on " + describe() + " " + refuse + ": zeus-mobile keeps its journal "
                    + "only in a directory nobody else can write (mode 0700, its own user); remove " + dir
                    + " and it is made again, or name another with journalDir=DIR");
        }
    }

    /** Who this process is, as file owners name it: the owner of /proc/self is the effective user. */
    private UserPrincipal owner() throws IOException {
        if (self == null) {
            Path proc = Paths.get("/proc/self");
            self = Files.exists(proc) ? Files.getOwner(proc)
                    : root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user());
        }
        return self;
    }

    @Override
    public void writeAtomic(String path, String content) {
        Path target = lexical(path);
        Path dir = target.getParent();
        Path temp = dir.resolve(target.getFileName() + TEMPORARY + Long.toHexString(random.nextLong() & Long.MAX_VALUE));
        try {
            requireInside(path, dir.getParent().toRealPath());
            requirePrivate(path.substring(0, path.lastIndexOf('/')), dir);
            // CREATE_NEW with NOFOLLOW_LINKS: O_CREAT|O_EXCL|O_NOFOLLOW, so no planted file or link is ever opened
            Set<OpenOption> createNew = new HashSet<>(Arrays.asList(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
            try (FileChannel channel = FileChannel.open(temp, createNew, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            // rename(2) replaces the name itself: a symlink put there is replaced, its target never touched
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (AccessDeniedException e) {
            deleteQuietly(temp);
            throw permissionDenied(path, user(), describe());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DeviceException("cannot write the journal " + path + " on " + describe() + ": " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is removed with the journal (delete)
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
    public String readPrivate(String path) {
        Path target = lexical(path);
        Path dir = target.getParent();
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            requireInside(path, dir.getParent().toRealPath());
            requirePrivate(path.substring(0, path.lastIndexOf('/')), dir);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnusableDeviceException(path + " on " + describe() + " is " + (Files.isSymbolicLink(target)
                        ? "a symlink" : "not a regular file") + ": refusing to read it as the journal; remove it");
            }
            try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes.write(buffer, 0, n);
                }
                return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            }
        } catch (AccessDeniedException e) {
            throw permissionDenied(path, user(), describe());
        } catch (IOException e) {
            throw new DeviceException("cannot read the journal " + path + " on " + describe() + ": " + reason(e), e);
        }
    }

    @Override
    public void delete(String path) {
        Path target = lexical(path);
        Path dir = target.getParent();
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            requireInside(path, dir.getParent().toRealPath());
            Files.deleteIfExists(target); // unlink(2): a symlink goes, its target stays
            String leftover = target.getFileName() + TEMPORARY;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (entry.getFileName().toString().startsWith(leftover)) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new DeviceException("cannot delete " + path + " on " + describe() + ": " + reason(e), e);
        }
    }

    @Override
    public boolean removeEmptyDirectory(String dir) {
        Path path = lexical(dir);
        try {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            requireInside(dir, path.getParent().toRealPath());
            Files.delete(path);
            return true;
        } catch (DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            throw new DeviceException("cannot remove the directory " + dir + " on " + describe() + ": " + reason(e), e);
        }
    }

    /** What went wrong, in words: the OS's reason without Java's exception names. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
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
        return new UnusableDeviceException("permission denied writing " + path + " on " + where + " as user '" + user
                + "': run zeus-mobile as root (sudo on a board, `adb root` or su on a phone); inside an Android app, "
                + "the unprivileged Android APIs in zeus-android need no root (zeus-android/README.md)");
    }
}
