package org.zeusmobile.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer driven by a HuggingFace {@code tokenizer.json} (model type WordPiece,
 * BertNormalizer, BertPreTokenizer, template {@code [CLS] $A [SEP]}): clean text, split CJK
 * characters, lower-case and strip accents, split on whitespace and punctuation, then greedy
 * longest-match-first sub-words with the {@code ##} continuation prefix.
 */
public final class WordPieceTokenizer {

    /** The model inputs for one sentence at a fixed sequence length. */
    public static final class Encoding {
        private final long[] inputIds;
        private final long[] attentionMask;
        private final long[] tokenTypeIds;

        Encoding(long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
            this.inputIds = inputIds;
            this.attentionMask = attentionMask;
            this.tokenTypeIds = tokenTypeIds;
        }

        public long[] inputIds() {
            return inputIds.clone();
        }

        public long[] attentionMask() {
            return attentionMask.clone();
        }

        public long[] tokenTypeIds() {
            return tokenTypeIds.clone();
        }

        /** Tokens that are not padding, [CLS] and [SEP] included. */
        public int length() {
            int count = 0;
            for (long bit : attentionMask) {
                count += (int) bit;
            }
            return count;
        }
    }

    private final Map<String, Integer> vocab;
    private final String continuationPrefix;
    private final int maxCharsPerWord;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final String unkToken;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int padId;

    private WordPieceTokenizer(Map<String, Integer> vocab, String continuationPrefix, int maxCharsPerWord,
            boolean lowercase, boolean stripAccents, String unk, int padId) {
        this.vocab = vocab;
        this.continuationPrefix = continuationPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.unkToken = unk;
        this.unkId = id(unk);
        this.clsId = id("[CLS]");
        this.sepId = id("[SEP]");
        this.padId = padId;
    }

    private int id(String token) {
        Integer value = vocab.get(token);
        if (value == null) {
            throw new OnnxFormatException("tokenizer vocabulary has no " + token + " token: use a BERT WordPiece "
                    + "tokenizer.json");
        }
        return value;
    }

    /** Reads a HuggingFace {@code tokenizer.json} of a WordPiece model; {@code source} names it in errors. */
    public static WordPieceTokenizer fromJson(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new OnnxFormatException("tokenizer " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode model = root == null ? null : root.get("model");
        if (model == null || !"WordPiece".equals(model.path("type").asText()) || !model.path("vocab").isObject()) {
            throw new OnnxFormatException("tokenizer " + source + " is not a WordPiece tokenizer.json "
                    + "(model.type must be WordPiece with a vocab): use a BERT-family tokenizer");
        }
        Map<String, Integer> vocab = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = model.get("vocab").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            vocab.put(entry.getKey(), entry.getValue().asInt());
        }
        JsonNode normalizer = root.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        // BertNormalizer: strip_accents null means "follow lowercase".
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        int padId = root.path("padding").path("pad_id").asInt(0);
        return new WordPieceTokenizer(vocab, model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), lowercase, stripAccents,
                model.path("unk_token").asText("[UNK]"), padId);
    }

    public int vocabularySize() {
        return vocab.size();
    }

    /** The id of {@code token}, or -1 when it is not in the vocabulary. */
    public int tokenId(String token) {
        Integer value = vocab.get(token);
        return value == null ? -1 : value;
    }

    /** The word pieces of {@code text}, without special tokens. */
    public List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        for (String word : preTokenize(normalize(text))) {
            wordPieces(word, pieces);
        }
        return pieces;
    }

    /**
     * Encodes {@code text} as {@code [CLS] pieces [SEP]}, truncated and padded to {@code sequenceLength}.
     */
    public Encoding encode(String text, int sequenceLength) {
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequence length must be >= 2 ([CLS] and [SEP]), got " + sequenceLength);
        }
        List<String> pieces = tokenize(text);
        int kept = Math.min(pieces.size(), sequenceLength - 2);
        long[] ids = new long[sequenceLength];
        long[] mask = new long[sequenceLength];
        long[] types = new long[sequenceLength];
        java.util.Arrays.fill(ids, padId);
        ids[0] = clsId;
        for (int i = 0; i < kept; i++) {
            Integer id = vocab.get(pieces.get(i));
            ids[i + 1] = id == null ? unkId : id;
        }
        ids[kept + 1] = sepId;
        for (int i = 0; i < kept + 2; i++) {
            mask[i] = 1;
        }
        return new Encoding(ids, mask, types);
    }

    private String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || (isControl(cp) && !Character.isWhitespace(cp))) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (isCjk(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String normalized = out.toString();
        if (stripAccents) {
            normalized = Normalizer.normalize(normalized, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder(normalized.length());
            for (int i = 0; i < normalized.length(); i++) {
                char c = normalized.charAt(i);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    stripped.append(c);
                }
            }
            normalized = stripped.toString();
        }
        return lowercase ? normalized.toLowerCase(Locale.ROOT) : normalized;
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    // The CJK Unified Ideograph blocks BERT's tokenizer pads with spaces.
    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** Splits on whitespace and isolates every punctuation character (BertPreTokenizer). */
    private static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private void wordPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unkToken);
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String match = null;
            while (end > start) {
                String candidate = (start > 0 ? continuationPrefix : "") + word.substring(start, end);
                if (vocab.containsKey(candidate)) {
                    match = candidate;
                    break;
                }
                end = Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
            }
            if (match == null) {
                out.add(unkToken);
                return;
            }
            pieces.add(match);
            start = end;
        }
        out.addAll(pieces);
    }
}
