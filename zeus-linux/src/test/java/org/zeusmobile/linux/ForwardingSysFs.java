package org.zeusmobile.linux;

import java.util.List;
import java.util.Map;

/** A SysFs that hands every call to another: the base of test wrappers that intercept a few of them. */
abstract class ForwardingSysFs implements SysFs {

    protected final SysFs fs;

    ForwardingSysFs(SysFs fs) {
        this.fs = fs;
    }

    @Override
    public String readOrNull(String path) {
        return fs.readOrNull(path);
    }

    @Override
    public Map<String, String> readAll(List<String> paths) {
        return fs.readAll(paths);
    }

    @Override
    public List<String> list(String dir) {
        return fs.list(dir);
    }

    @Override
    public boolean isDirectory(String path) {
        return fs.isDirectory(path);
    }

    @Override
    public boolean isFile(String path) {
        return fs.isFile(path);
    }

    @Override
    public void write(String path, String value) {
        fs.write(path, value);
    }

    @Override
    public boolean makePrivateDirectory(String dir) {
        return fs.makePrivateDirectory(dir);
    }

    @Override
    public void writeAtomic(String path, String content) {
        fs.writeAtomic(path, content);
    }

    @Override
    public String readPrivate(String path) {
        return fs.readPrivate(path);
    }

    @Override
    public void delete(String path) {
        fs.delete(path);
    }

    @Override
    public boolean removeEmptyDirectory(String dir) {
        return fs.removeEmptyDirectory(dir);
    }

    @Override
    public String user() {
        return fs.user();
    }

    @Override
    public String describe() {
        return fs.describe();
    }
}
