package org.zeusmobile.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the Android API 26 check that guards zeus-core and zeus-linux in {@code verify}
 * bites: the same signature and checker reject a class that calls {@code List.of} (Java 9, absent
 * on Android 8) and accept one that sticks to API 26.
 */
class AndroidSignatureCheckTest {

    @TempDir
    Path work;

    @Test
    void listOfIsRejectedAgainstAndroidApi26() throws IOException {
        List<String> errors = check("UsesListOf",
                "public class UsesListOf { public Object values() { return java.util.List.of(1, 2); } }");

        assertThat(errors).anyMatch(error -> error.contains("java.util.List") && error.contains("of"));
    }

    @Test
    void codeWithinApi26Passes() throws IOException {
        List<String> errors = check("UsesArrayList",
                "public class UsesArrayList { public Object values() {"
                        + " java.util.List<Integer> v = new java.util.ArrayList<>(); v.add(1); return v; } }");

        assertThat(errors).isEmpty();
    }

    private List<String> check(String className, String source) throws IOException {
        Path sourceFile = work.resolve(className + ".java");
        Files.write(sourceFile, source.getBytes(StandardCharsets.UTF_8));
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "11", "-XDstringConcat=inline", "-d", classes.toString(),
                sourceFile.toString());
        assertThat(status).as("snippet compiles for Java 11").isZero();

        List<String> errors = Collections.synchronizedList(new ArrayList<String>());
        try (InputStream signature = Files.newInputStream(Paths.get(System.getProperty("android.signature")))) {
            SignatureChecker checker = new SignatureChecker(signature, Collections.<String>emptySet(), new Logger() {
                public void info(String message) {
                }

                public void info(String message, Throwable t) {
                }

                public void debug(String message) {
                }

                public void debug(String message, Throwable t) {
                }

                public void warn(String message) {
                }

                public void warn(String message, Throwable t) {
                }

                public void error(String message) {
                    errors.add(message);
                }

                public void error(String message, Throwable t) {
                    errors.add(message);
                }
            });
            checker.setSourcePath(Collections.singletonList(work.toFile()));
            checker.process(new File[] {classes.toFile()});
            assertThat(checker.isSignatureBroken()).isEqualTo(!errors.isEmpty());
        }
        return Arrays.asList(errors.toArray(new String[0]));
    }
}
