package org.zeusmobile.linux;

import java.util.List;
import java.util.Map;

/**
 * Where a device's {@link Journal} lives: {@code DIR/journal}, in a directory only this user can enter
 * (mode 0700, see {@link SysFs#makePrivateDirectory}). By default DIR is {@code zeus-mobile} under the
 * first candidate parent that exists (on Linux {@code /run}, then {@code /tmp}, then the root itself; over
 * adb {@code /data/local/tmp}, then the root), so it is cleared at reboot as sysfs is. The directory is made
 * with the first journal and removed with the last one: the default one always (it is the tool's own), a
 * named one only when a run made it.
 */
final class JournalStore {

    static final String DIRECTORY = "zeus-mobile";
    static final String FILE = "journal";

    private final SysFs fs;
    private final String dir;
    private final boolean ownDirectory;
    /** The directory when a run made it (this one, or the one whose journal was read). */
    private String madeDirectory;

    /**
     * @param namedDir the directory the user named, or null for the default location
     * @param parents  candidate parents of the default directory, in order; the last must always exist
     */
    JournalStore(SysFs fs, String namedDir, List<String> parents) {
        this.fs = fs;
        if (namedDir != null) {
            this.dir = SysFs.requireSafePath(namedDir.length() > 1 && namedDir.endsWith("/")
                    ? namedDir.substring(0, namedDir.length() - 1) : namedDir);
            this.ownDirectory = false;
        } else {
            String chosen = null;
            for (String parent : parents) {
                if (fs.isDirectory(parent)) {
                    chosen = SysFs.join(parent, DIRECTORY);
                    break;
                }
            }
            this.dir = chosen != null ? chosen : SysFs.join(parents.get(parents.size() - 1), DIRECTORY);
            this.ownDirectory = true;
        }
    }

    String path() {
        return SysFs.join(dir, FILE);
    }

    /** The journal, or null when there is none. */
    Journal read(String where) {
        String text = fs.readPrivate(path());
        if (text == null) {
            return null;
        }
        Journal journal = Journal.parse(text, path() + " on " + where);
        if (journal.madeDirectory != null) {
            madeDirectory = journal.madeDirectory;
        }
        return journal;
    }

    void write(String owner, Map<String, Map<String, String>> originals) {
        if (fs.makePrivateDirectory(dir)) {
            madeDirectory = dir;
        }
        fs.writeAtomic(path(), new Journal(owner, madeDirectory, originals).format());
    }

    /** Removes the journal and, when it is the tool's own or a run made it, its emptied directory. */
    void delete() {
        fs.delete(path());
        if ((ownDirectory || dir.equals(madeDirectory)) && fs.removeEmptyDirectory(dir)) {
            madeDirectory = null;
        }
    }
}
