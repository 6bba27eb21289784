package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * The journal as an attacker meets it: symlinks and directories planted where zeus-mobile (as root) writes.
 * Nothing outside the journal's own directory may ever be written, locally or over adb, and what the tool
 * makes it removes again.
 */
class JournalSafetyTest {

    private static final String VICTIM_TEXT = "precious, not a journal\n";
    private static final Configuration PIN_GPU = Configuration.governed().with("gpu.freq", 420_750_000L);

    @TempDir
    Path temp;

    private Path victim() throws IOException {
        Path victim = temp.resolve("victim.txt");
        Files.write(victim, VICTIM_TEXT.getBytes(StandardCharsets.UTF_8));
        return victim;
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static SysfsDevice open(SysFs fs, Path root) {
        return SysfsDevice.open(new KernelEmulator(fs, root), new SysfsDevice.Options().shutdownHook(false));
    }

    /** Every directory under {@code root}, symlinks not followed. */
    private static Set<String> directories(Path root) throws IOException {
        Set<String> dirs = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> dirs.add(root.relativize(p).toString()));
        }
        return dirs;
    }

    @Test
    void theIssuesPlantedTemporaryFileSymlinkLeavesTheVictimUntouched() throws IOException {
        // mkdir T/tmp; ln -s $PWD/victim.txt T/tmp/zeus-mobile.journal.tmp; zeus-mobile apply ... gpu.freq=...
        Path root = FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("tx2"));
        Path victim = victim();
        Files.createDirectories(root.resolve("tmp"));
        Files.createSymbolicLink(root.resolve("tmp/zeus-mobile.journal.tmp"), victim);
        Map<String, String> before = FixtureTrees.snapshot(root);
        Set<String> dirsBefore = directories(root);

        SysfsDevice applied = open(new LocalSysFs(root), root);
        applied.applyAndDetach(PIN_GPU);

        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(applied.journalPath()).isEqualTo("/tmp/zeus-mobile/journal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("tmp/zeus-mobile"),
                LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");
        SysfsDevice restorer = open(new LocalSysFs(root), root);
        assertThat(restorer.restoreJournal()).containsExactly("gpu.freq");
        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        assertThat(directories(root)).as("the journal directory it made is gone, tmp/ stays").isEqualTo(dirsBefore);
    }

    @Test
    void aSymlinkInPlaceOfTheJournalDirectoryIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path root = FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("tx2"));
        Path attackers = Files.createDirectories(temp.resolve("attackers"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createSymbolicLink(root.resolve("tmp/zeus-mobile"), attackers);
        Map<String, String> before = FixtureTrees.snapshot(root);

        // refused at open: a journal behind the link could not be trusted either
        assertThatThrownBy(() -> open(new LocalSysFs(root), root)).isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("/tmp/zeus-mobile").hasMessageContaining("is a symlink");

        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        try (Stream<Path> planted = Files.list(attackers)) {
            assertThat(planted).as("nothing written through the link").isEmpty();
        }
    }

    @Test
    void aJournalDirectoryOfAnotherUserIsRefusedAndItsPlantedJournalLinkNeverFollowed() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path root = FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("tx2"));
        Path victim = victim();
        Path dir = Files.createDirectories(root.resolve("tmp/zeus-mobile"));
        Files.createSymbolicLink(dir.resolve("journal"), victim);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);
        Map<String, String> before = FixtureTrees.snapshot(root);

        assertThatThrownBy(() -> open(new LocalSysFs(root), root)).isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("belongs to user 'nobody'");

        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aJournalDirectoryOpenToOthersIsRefused() throws IOException {
        Path root = FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("tx2"));
        Path dir = Files.createDirectories(root.resolve("tmp/zeus-mobile"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> before = FixtureTrees.snapshot(root);

        assertThatThrownBy(() -> open(new LocalSysFs(root), root)).isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("is open to other users (mode rwxrwxrwx)").hasMessageContaining("journalDir=DIR");
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aJournalThatIsASymlinkIsNeitherReadNorWrittenThrough() throws IOException {
        Path root = FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("tx2"));
        Path victim = victim();
        SysfsDevice device = open(new LocalSysFs(root), root);
        // planted after open, before the first write: the rename replaces the link, the victim stays
        Path dir = Files.createDirectories(root.resolve("zeus-mobile"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir.resolve("journal"), victim);
        device.apply(PIN_GPU);
        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(Files.isSymbolicLink(dir.resolve("journal"))).isFalse();
        device.close();
        // a link found at open is refused, not read
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir.resolve("journal"), victim);
        assertThatThrownBy(() -> open(new LocalSysFs(root), root)).isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("/zeus-mobile/journal").hasMessageContaining("is a symlink");
        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
    }

    @Test
    void restoreRemovesWhatAKilledRunLeftBeforeItsFirstJournal() throws IOException {
        Path root = FixtureTrees.copy(FixtureTrees.ORIN_NANO, temp.resolve("orin"));
        Set<String> dirsBefore = directories(root);
        Map<String, String> before = FixtureTrees.snapshot(root);
        // killed after making its directory and starting the temporary file, before the rename
        Path dir = Files.createDirectories(root.resolve("zeus-mobile"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.write(dir.resolve("journal" + LocalSysFs.TEMPORARY + "5eed"), "zeus-mobile jour".getBytes(StandardCharsets.UTF_8));

        SysfsDevice restorer = open(new LocalSysFs(root), root);
        assertThat(restorer.restoreJournal()).isEmpty();

        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        assertThat(directories(root)).isEqualTo(dirsBefore);
    }

    @Test
    void overAdbTheSamePlantedLinksLeaveTheVictimUntouched() throws IOException {
        FakeAdb adb = FakeAdb.serve(FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("phone")));
        Path victim = victim();
        Path tmp = Files.createDirectories(adb.root.resolve("data/local/tmp"));
        // the issue's pattern: printf > /data/local/tmp/zeus-mobile.journal.tmp
        Files.createSymbolicLink(tmp.resolve("zeus-mobile.journal.tmp"), victim);
        Map<String, String> before = FixtureTrees.snapshot(adb.root);
        Set<String> dirsBefore = directories(adb.root);
        SysfsDevice.Options options = new SysfsDevice.Options().journalParents(SysfsDevice.ADB_JOURNAL_PARENTS)
                .shutdownHook(false);

        SysfsDevice phone = SysfsDevice.open(new KernelEmulator(adb.connect(10_000_000_000L), adb.root), options);
        phone.applyAndDetach(PIN_GPU);
        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(phone.journalPath()).isEqualTo("/data/local/tmp/zeus-mobile/journal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("zeus-mobile"),
                LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");

        // a link planted as the journal itself is refused at open, never read or followed
        Path journal = tmp.resolve("zeus-mobile/journal");
        String saved = text(journal);
        Files.delete(journal);
        Files.createSymbolicLink(journal, victim);
        assertThatThrownBy(() -> SysfsDevice.open(new KernelEmulator(adb.connect(10_000_000_000L), adb.root), options))
                .isInstanceOf(UnusableDeviceException.class).hasMessageContaining("is a symlink");
        Files.delete(journal);
        Files.write(journal, saved.getBytes(StandardCharsets.UTF_8));

        SysfsDevice restorer = SysfsDevice.open(new KernelEmulator(adb.connect(10_000_000_000L), adb.root), options);
        assertThat(restorer.restoreJournal()).containsExactly("gpu.freq");
        assertThat(text(victim)).isEqualTo(VICTIM_TEXT);
        assertThat(FixtureTrees.snapshot(adb.root)).isEqualTo(before);
        assertThat(directories(adb.root)).isEqualTo(dirsBefore);
    }

    @Test
    void overAdbASymlinkInPlaceOfTheJournalDirectoryIsRefused() throws IOException {
        FakeAdb adb = FakeAdb.serve(FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("phone")));
        Path attackers = Files.createDirectories(temp.resolve("attackers"));
        Path tmp = Files.createDirectories(adb.root.resolve("data/local/tmp"));
        Files.createSymbolicLink(tmp.resolve("zeus-mobile"), attackers);
        Map<String, String> before = FixtureTrees.snapshot(adb.root);

        assertThatThrownBy(() -> SysfsDevice.open(new KernelEmulator(adb.connect(10_000_000_000L), adb.root),
                new SysfsDevice.Options().journalParents(SysfsDevice.ADB_JOURNAL_PARENTS).shutdownHook(false)))
                .isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("/data/local/tmp/zeus-mobile").hasMessageContaining("is a symlink");

        assertThat(FixtureTrees.snapshot(adb.root)).isEqualTo(before);
        try (Stream<Path> planted = Files.list(attackers)) {
            assertThat(planted).isEmpty();
        }
    }

    @Test
    void aSerialStartingWithADashNeverReachesAdbAsAnOption() {
        FakeAdb adb = FakeAdb.serve(FixtureTrees.copy(FixtureTrees.TX2, temp.resolve("phone")));
        adb.clearCalls();
        for (String serial : new String[] {"-s", "--help", "-d", "-H"}) {
            assertThatThrownBy(() -> AdbSysFs.connect(adb.executable.toString(), serial, 1_000_000_000L, AdbSysFs.Su.NEVER))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not starting with -");
            assertThatThrownBy(() -> new AdbDeviceProvider().open("adb:" + serial + ",adb=" + adb.executable))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + serial + "' is not an adb serial");
        }
        assertThat(adb.calls()).as("adb never ran").isEmpty();
    }
}
