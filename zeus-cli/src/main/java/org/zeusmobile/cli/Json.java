package org.zeusmobile.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON writer of the CLI: pretty, stable key order as built. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * What is wrong with a JSON input, in words: the parser's own first line and where (never Jackson's
     * "Source: REDACTED" or its advice to enable a feature).
     */
    static String describe(IOException e) {
        if (e instanceof JsonProcessingException) {
            JsonProcessingException json = (JsonProcessingException) e;
            String what = json.getOriginalMessage() == null ? "unreadable" : json.getOriginalMessage().split("\n")[0];
            // Jackson's parenthesised asides name its own features and a redacted source, not the user's fix
            what = what.replaceAll("\\s*\\((start marker at )?\\[Source:[^\\]]*\\][^)]*\\)", "");
            int cut = what.indexOf(" (for ");
            what = cut > 0 ? what.substring(0, cut) : what;
            JsonLocation at = json.getLocation();
            return what + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return e.getMessage() == null ? "cannot be read" : e.getMessage();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
