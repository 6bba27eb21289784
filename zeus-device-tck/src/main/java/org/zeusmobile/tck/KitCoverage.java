package org.zeusmobile.tck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Fails a device's run of the kit when any check did not run to a verdict: disabled by a condition, aborted by an
 * assumption, or filtered out. A device that passes only the checks it likes has not passed the kit.
 */
public final class KitCoverage implements TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KitCoverage.class);

    /** Every check of the kit, as {@code Group.check}. */
    public static Set<String> checks() {
        Set<String> checks = new TreeSet<>();
        for (Class<?> group : DeviceTck.class.getDeclaredClasses()) {
            if (group.isAnnotationPresent(Nested.class)) {
                for (Method method : group.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Test.class)) {
                        checks.add(group.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        return checks;
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        verdicts(context).add(check(context));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        verdicts(context).add(check(context));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // No verdict: an assumption that aborts a check skips it.
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // No verdict: a disabled check is a skipped one.
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return; // a group finished; the device's class checks the whole kit
        }
        List<String> missing = new ArrayList<>(checks());
        missing.removeAll(verdicts(context));
        if (!missing.isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " left " + missing.size()
                    + " check(s) of the device kit without a verdict: " + missing + ". A device passes the whole kit: "
                    + "run every check (no filters, conditions or assumptions that skip them) and fix the device.");
        }
    }

    private static String check(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    /** The verdicts of one device class's run, kept in the outermost (device class) context. */
    @SuppressWarnings("unchecked")
    private static Set<String> verdicts(ExtensionContext context) {
        ExtensionContext deviceClass = context;
        while (deviceClass.getParent().isPresent() && deviceClass.getParent().get().getTestClass().isPresent()) {
            deviceClass = deviceClass.getParent().get();
        }
        return deviceClass.getStore(NAMESPACE).getOrComputeIfAbsent("verdicts",
                key -> Collections.synchronizedSet(new TreeSet<String>()), Set.class);
    }
}
