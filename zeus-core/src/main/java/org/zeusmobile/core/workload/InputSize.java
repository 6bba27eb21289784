package org.zeusmobile.core.workload;

import java.util.Locale;

/**
 * The one number that sizes a model's input, in the model's own terms: tokens for text, pixels per
 * side for images, frames or samples for audio. The batch is separate. The input-change scenario
 * doubles it; the CLI prints it with {@link #describe(int)}.
 */
public final class InputSize {

    /** What the number counts. */
    public enum Kind {
        /** Sequence length of token ids. */
        TOKENS("sequence length", "tokens"),
        /** Image height in pixels; the width follows at the model's aspect ratio. */
        RESOLUTION("resolution", "px"),
        /** Audio feature frames (e.g. 100 per second at a 10 ms hop). */
        FRAMES("audio length", "frames"),
        /** Raw audio samples. */
        SAMPLES("audio length", "samples"),
        /** No dimension to vary: the model's inputs have one shape (size 1 stands for it). */
        FIXED("input", "");

        private final String quantity;
        private final String unit;

        Kind(String quantity, String unit) {
            this.quantity = quantity;
            this.unit = unit;
        }

        /** What is measured, e.g. {@code sequence length}, {@code resolution}. */
        public String quantity() {
            return quantity;
        }

        /** The unit, e.g. {@code tokens}, {@code px}. */
        public String unit() {
            return unit;
        }

        /** The lower-case name used in JSON, e.g. {@code tokens}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** 128 tokens, any length from 1: what a profiler that says nothing else takes. */
    public static final InputSize DEFAULT_TOKENS = new InputSize(Kind.TOKENS, 128, 1, Integer.MAX_VALUE, 1);

    private final Kind kind;
    private final int defaultSize;
    private final int minSize;
    private final int maxSize;
    private final double widthPerHeight;

    /**
     * @param widthPerHeight for {@link Kind#RESOLUTION}, the width of the image per pixel of height (1 for
     *     square inputs); ignored otherwise
     */
    public InputSize(Kind kind, int defaultSize, int minSize, int maxSize, double widthPerHeight) {
        if (minSize < 1 || maxSize < minSize || defaultSize < minSize || defaultSize > maxSize) {
            throw new IllegalArgumentException("input size needs 1 <= min <= default <= max, got min " + minSize
                    + ", default " + defaultSize + ", max " + maxSize);
        }
        if (!(widthPerHeight > 0)) {
            throw new IllegalArgumentException("width per height must be > 0, got " + widthPerHeight);
        }
        this.kind = kind;
        this.defaultSize = defaultSize;
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.widthPerHeight = widthPerHeight;
    }

    public Kind kind() {
        return kind;
    }

    /** The size used when the user gives none. */
    public int defaultSize() {
        return defaultSize;
    }

    /** The smallest size the model takes. */
    public int minSize() {
        return minSize;
    }

    /** The largest size the model takes ({@link Integer#MAX_VALUE} when it sets no bound). */
    public int maxSize() {
        return maxSize;
    }

    /** Whether the model's input has one size only (its declared shape fixes it). */
    public boolean fixed() {
        return minSize == maxSize;
    }

    /** For {@link Kind#RESOLUTION}, the image's width per pixel of height (1 for square inputs). */
    public double widthPerHeight() {
        return widthPerHeight;
    }

    /** The image width at {@code size} pixels of height (the size itself for other kinds). */
    public int width(int size) {
        return kind == Kind.RESOLUTION ? (int) Math.max(1, Math.round(size * widthPerHeight)) : size;
    }

    /** {@code size} in the model's terms: {@code 128 tokens}, {@code 224x224 px}, {@code 100 frames}. */
    public String describe(int size) {
        if (kind == Kind.FIXED) {
            return "of fixed shape";
        }
        if (kind == Kind.RESOLUTION) {
            return size + "x" + width(size) + " px";
        }
        return size + " " + kind.unit();
    }

    @Override
    public String toString() {
        return kind.quantity() + " " + describe(defaultSize) + " (" + minSize + ".." + maxSize + " " + kind.unit() + ")";
    }
}
