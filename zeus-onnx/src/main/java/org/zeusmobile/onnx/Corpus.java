package org.zeusmobile.onnx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The built-in sentences fed to the text models (resource {@code org/zeusmobile/onnx/corpus.txt}). */
public final class Corpus {

    private static final String RESOURCE = "org/zeusmobile/onnx/corpus.txt";
    private static List<String> sentences;

    private Corpus() {
    }

    /** The sentences, in file order; lines starting with # are comments. */
    public static synchronized List<String> sentences() {
        if (sentences == null) {
            List<String> lines = new ArrayList<>();
            try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the zeus-onnx jar");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    line = line.trim();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read resource " + RESOURCE, e);
            }
            sentences = Collections.unmodifiableList(lines);
        }
        return sentences;
    }
}
