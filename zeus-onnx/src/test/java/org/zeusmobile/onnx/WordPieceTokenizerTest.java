package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = OnnxModel.load("minilm").tokenizer();
    }

    @Test
    void lowerCasesSplitsPunctuationAndUsesWordPieces() {
        // Reference pieces from HuggingFace's BertTokenizer for bert-base-uncased (same vocabulary).
        assertThat(tokenizer.tokenize("Hello, World!")).containsExactly("hello", ",", "world", "!");
        assertThat(tokenizer.tokenize("unaffable")).containsExactly("una", "##ffa", "##ble");
        assertThat(tokenizer.tokenize("  Café\tnaïve ")).containsExactly("cafe", "naive");
    }

    @Test
    void wordsOutsideTheVocabularyBecomeUnknown() {
        assertThat(tokenizer.tokenize("\u2603")).containsExactly("[UNK]");
        String longWord = new String(new char[120]).replace('\0', 'a');
        assertThat(tokenizer.tokenize(longWord)).containsExactly("[UNK]");
    }

    @Test
    void encodeAddsClsAndSepPadsAndMasks() {
        WordPieceTokenizer.Encoding encoding = tokenizer.encode("Hello world", 8);
        // [CLS]=101 hello=7592 world=2088 [SEP]=102, then [PAD]=0.
        assertThat(encoding.inputIds()).containsExactly(101, 7592, 2088, 102, 0, 0, 0, 0);
        assertThat(encoding.attentionMask()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(encoding.tokenTypeIds()).containsOnly(0);
        assertThat(encoding.length()).isEqualTo(4);
    }

    @Test
    void encodeTruncatesToTheSequenceLengthKeepingSep() {
        WordPieceTokenizer.Encoding encoding = tokenizer.encode("one two three four five six seven", 5);
        assertThat(encoding.inputIds()).hasSize(5);
        assertThat(encoding.inputIds()[0]).isEqualTo(101);
        assertThat(encoding.inputIds()[4]).isEqualTo(102);
        assertThat(encoding.attentionMask()).containsOnly(1);
    }

    @Test
    void everyCorpusSentenceTokenizesWithoutUnknowns() {
        assertThat(Corpus.sentences()).hasSizeGreaterThanOrEqualTo(20);
        for (String sentence : Corpus.sentences()) {
            assertThat(tokenizer.tokenize(sentence)).as(sentence).doesNotContain("[UNK]").hasSizeGreaterThan(5);
        }
    }

    @Test
    void rejectsATokenizerThatIsNotWordPiece() {
        byte[] bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson("bpe.json", bpe))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("bpe.json")
                .hasMessageContaining("WordPiece");
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson("broken.json", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("not valid JSON");
    }
}
