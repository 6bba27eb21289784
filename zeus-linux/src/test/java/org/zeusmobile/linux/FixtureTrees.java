package org.zeusmobile.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fixture trees under src/test/resources/fixtures, copied into a temporary directory before a
 * test writes to them. Each tree's SYMLINKS file lists the symlinks real sysfs has (class and bus
 * entries pointing into /sys/devices); Maven's resource copy would lose them, so they are made here.
 */
public final class FixtureTrees {

    public static final String SNAPDRAGON = "snapdragon-8-gen-2";
    public static final String ORIN_NANO = "jetson-orin-nano";
    public static final String TX2 = "jetson-tx2";
    public static final String INTEL = "intel-laptop";
    public static final String PIXEL = "pixel-6-odpm";
    public static final String[] ALL = {SNAPDRAGON, ORIN_NANO, TX2, INTEL, PIXEL};

    private FixtureTrees() {
    }

    /** The fixture's directory: on disk, or inside this test-jar when another module's tests use it. */
    static Path source(String name) {
        try {
            java.net.URI uri = FixtureTrees.class.getResource("/fixtures/" + name).toURI();
            if (uri.getScheme().equals("jar")) {
                try {
                    java.nio.file.FileSystems.newFileSystem(uri, java.util.Collections.<String, Object>emptyMap());
                } catch (java.nio.file.FileSystemAlreadyExistsException opened) {
                    // another test opened the jar already
                }
            }
            return Paths.get(uri);
        } catch (URISyntaxException | NullPointerException | IOException e) {
            throw new IllegalArgumentException("no fixture tree " + name, e);
        }
    }

    /** Copies fixture {@code name} into {@code target} (created) and makes its symlinks. */
    public static Path copy(String name, Path target) {
        Path source = source(name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else if (!path.getFileName().toString().equals("SYMLINKS")) {
                    Files.copy(path, to);
                }
            }
            List<String> links = Files.readAllLines(source.resolve("SYMLINKS"), StandardCharsets.UTF_8);
            for (String line : links) {
                if (line.startsWith("#") || line.trim().isEmpty()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                Path link = target.resolve(parts[0].substring(1));
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Paths.get(parts[1]));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code root} (symlinks not followed) with its bytes, by relative path. */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.put(root.relativize(path).toString(), new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static void write(Path root, String devicePath, String content) {
        try {
            Path file = root.resolve(devicePath.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a journal the way zeus-mobile keeps it: in a directory of its own with mode 0700. */
    static void writeJournal(Path root, String devicePath, String content) {
        try {
            Path file = root.resolve(devicePath.substring(1));
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String devicePath) {
        try {
            return new String(Files.readAllBytes(root.resolve(devicePath.substring(1))), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
