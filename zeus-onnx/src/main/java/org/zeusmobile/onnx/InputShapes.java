package org.zeusmobile.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.workload.InputSize;

/**
 * How a model's inputs are shaped. From each input's declared shape it finds the batch axis (a
 * symbolic first dimension) and the axes the input size sets: the sequence of token ids (an
 * integer [batch, seq] input), an image's height and width (a rank-4 input with 1, 3 or 4 channels
 * first, NCHW, or last, NHWC), audio samples or frames (float inputs named like audio). Symbolic
 * dimensions that share a name share a value. Shapes the user gives ({@code --input NAME=DIMS})
 * replace the declared ones and set the default size. {@link #shapes(int, int)} is the concrete
 * shape of every input for one batch at one input size.
 */
public final class InputShapes {

    /** Default sizes where the model leaves them open: BERT-style 128 tokens, ImageNet's 224 px, 1 s of audio. */
    static final int DEFAULT_TOKENS = 128;
    static final int DEFAULT_RESOLUTION_PX = 224;
    /** One second at 16 kHz, the rate of wav2vec 2.0 and Whisper. */
    static final int DEFAULT_SAMPLES = 16_000;
    /** One second of 10 ms frames (Whisper: 25 ms windows, 10 ms stride; Radford et al. 2022, section 2.2). */
    static final int DEFAULT_FRAMES = 100;

    private static final String[] AUDIO_HINTS = {"audio", "wav", "speech", "input_values", "input_features", "mel",
        "fbank", "spectrogram", "frames", "samples", "feats"};

    /** What sets one dimension. */
    enum Role { FIXED, BATCH, SIZE, WIDTH }

    /** One input the caller feeds. */
    static final class Feed {
        final String name;
        final int elementType;
        final long[] template;
        final Role[] roles;

        Feed(String name, int elementType, long[] template, Role[] roles) {
            this.name = name;
            this.elementType = elementType;
            this.template = template;
            this.roles = roles;
        }
    }

    private final String model;
    private final List<Feed> feeds;
    private final InputSize.Kind kind;
    private final int defaultSize;
    private final int minSize;
    private final boolean batchAxis;
    private final double widthPerHeight;

    private InputShapes(String model, List<Feed> feeds, InputSize.Kind kind, int defaultSize, int minSize,
            boolean batchAxis, double widthPerHeight) {
        this.model = model;
        this.feeds = Collections.unmodifiableList(feeds);
        this.kind = kind;
        this.defaultSize = defaultSize;
        this.minSize = minSize;
        this.batchAxis = batchAxis;
        this.widthPerHeight = widthPerHeight;
    }

    /**
     * Binds the inputs of {@code graph}.
     *
     * @param given shapes the user gave, by input name (may be empty); the batch axis must be 1 there
     * @param tokenizer whether the model comes with a tokenizer (then at least 2 tokens: [CLS] and [SEP])
     * @throws IllegalArgumentException naming the input and the {@code --input} to give when a dimension
     *     cannot be told, or when a given shape does not fit the model
     */
    static InputShapes of(String model, OnnxModelFile graph, Map<String, long[]> given, boolean tokenizer) {
        List<OnnxModelFile.ValueInfo> declared = graph.feeds();
        List<String> names = new ArrayList<>();
        for (OnnxModelFile.ValueInfo input : declared) {
            names.add(input.name());
        }
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(model + " has no input '" + name + "'; its inputs are " + names);
            }
        }
        // First pass: each input's own structure says its kind and axes; named dimensions carry them over.
        Map<String, Role> byParam = new HashMap<>();
        Map<String, InputSize.Kind> kindByParam = new HashMap<>();
        List<long[]> allDims = new ArrayList<>();
        List<Role[]> allRoles = new ArrayList<>();
        List<InputSize.Kind> kinds = new ArrayList<>();
        List<int[]> axes = new ArrayList<>();
        for (OnnxModelFile.ValueInfo input : declared) {
            if (!input.isTensor()) {
                throw new IllegalArgumentException(model + " input '" + input.name() + "' is not a tensor: zeus-onnx "
                        + "feeds tensor inputs only");
            }
            long[] dims = input.dims();
            long[] shape = given.get(input.name());
            if (dims == null) {
                if (shape == null) {
                    throw unresolved(model, input, "declares no shape", null);
                }
                dims = new long[shape.length];
                java.util.Arrays.fill(dims, -1);
            }
            // What the input holds is told from its declared dimensions, with the given ones where open.
            long[] seen = dims.clone();
            for (int i = 0; i < seen.length && shape != null && i < shape.length; i++) {
                seen[i] = seen[i] > 0 ? seen[i] : shape[i];
            }
            int channels = dims.length == 4 ? openChannelAxis(input, dims) : -1;
            if (channels >= 0 && shape == null) {
                // An image whose channel count is open (num_channels in Hugging Face exports): RGB.
                dims[channels] = 3;
                seen[channels] = 3;
            }
            InputSize.Kind inputKind = kindOf(input, seen);
            int[] sizeAxes = sizeAxes(inputKind, dims, seen);
            Role[] roles = new Role[dims.length];
            for (int i = 0; i < dims.length; i++) {
                roles[i] = dims[i] > 0 ? Role.FIXED : i == 0 ? Role.BATCH : i == sizeAxes[0] ? Role.SIZE
                        : i == sizeAxes[1] ? Role.WIDTH : null;
                String param = param(input, i);
                if (!param.isEmpty() && roles[i] != null && roles[i] != Role.FIXED) {
                    byParam.put(param, roles[i]);
                    kindByParam.put(param, inputKind);
                }
            }
            allDims.add(dims);
            allRoles.add(roles);
            kinds.add(inputKind);
            axes.add(sizeAxes);
        }
        // Second pass: open dimensions named like a known axis take its role; what is left must be given.
        List<Feed> feeds = new ArrayList<>();
        for (int f = 0; f < declared.size(); f++) {
            OnnxModelFile.ValueInfo input = declared.get(f);
            long[] dims = allDims.get(f);
            Role[] roles = allRoles.get(f);
            long[] shape = given.get(input.name());
            for (int i = 0; i < roles.length; i++) {
                String param = param(input, i);
                if (roles[i] == null && byParam.containsKey(param)) {
                    roles[i] = byParam.get(param);
                    kinds.set(f, kindByParam.get(param));
                }
            }
            long[] template = shape == null ? dims.clone() : checkGiven(model, input, dims, roles, shape);
            for (int i = 0; i < roles.length; i++) {
                if (roles[i] == null) {
                    if (shape == null) {
                        throw unresolved(model, input, "has a dimension " + i + describeParam(param(input, i))
                                + " whose size zeus-onnx cannot tell", dims);
                    }
                    roles[i] = Role.FIXED;
                }
            }
            feeds.add(new Feed(input.name(), input.elementType(), template, roles));
        }
        return bind(model, feeds, kinds, axes, given, tokenizer);
    }

    private static InputShapes bind(String model, List<Feed> feeds, List<InputSize.Kind> kinds, List<int[]> axes,
            Map<String, long[]> given, boolean tokenizer) {
        // The model's kind: the first input whose size can vary, else the first whose kind is known.
        int primary = -1;
        for (int f = 0; f < feeds.size() && primary < 0; f++) {
            if (kinds.get(f) != null && axes.get(f)[0] >= 0 && feeds.get(f).roles[axes.get(f)[0]] == Role.SIZE) {
                primary = f;
            }
        }
        for (int f = 0; f < feeds.size() && primary < 0; f++) {
            if (kinds.get(f) != null && axes.get(f)[0] >= 0) {
                primary = f;
            }
        }
        InputSize.Kind kind = primary < 0 ? null : kinds.get(primary);
        boolean batchAxis = false;
        int size = -1;
        List<Feed> bound = new ArrayList<>();
        for (int f = 0; f < feeds.size(); f++) {
            Feed feed = feeds.get(f);
            long[] template = feed.template.clone();
            Role[] roles = feed.roles.clone();
            boolean isGiven = given.containsKey(feed.name);
            for (int i = 0; i < roles.length; i++) {
                batchAxis |= roles[i] == Role.BATCH;
                boolean scales = roles[i] == Role.SIZE || roles[i] == Role.WIDTH;
                if (scales && kinds.get(f) != kind) {
                    // An axis of another kind (a text prompt beside an image): its default, or what was given.
                    template[i] = isGiven ? template[i] : defaultSize(kinds.get(f));
                    roles[i] = Role.FIXED;
                } else if (roles[i] == Role.SIZE && isGiven) {
                    if (size > 0 && size != template[i]) {
                        throw new IllegalArgumentException(model + ": the given input shapes disagree on the "
                                + kind.quantity() + " (" + size + " and " + template[i] + " " + kind.unit() + ")");
                    }
                    size = (int) template[i];
                }
            }
            bound.add(new Feed(feed.name, feed.elementType, template, roles));
        }
        if (kind == null) {
            return new InputShapes(model, bound, InputSize.Kind.FIXED, 1, 1, batchAxis, 1);
        }
        Feed main = bound.get(primary);
        int[] axis = axes.get(primary);
        if (main.roles[axis[0]] != Role.SIZE) {
            size = (int) main.template[axis[0]];
        } else if (size < 0) {
            size = defaultSize(kind);
        }
        double widthPerHeight = 1;
        if (kind == InputSize.Kind.RESOLUTION) {
            long height = main.roles[axis[0]] == Role.SIZE && !given.containsKey(main.name) ? -1 : main.template[axis[0]];
            long width = main.roles[axis[1]] == Role.WIDTH && !given.containsKey(main.name) ? -1 : main.template[axis[1]];
            widthPerHeight = height > 0 && width > 0 ? (double) width / height : 1;
        }
        int min = kind == InputSize.Kind.TOKENS && tokenizer ? 2 : 1;
        return new InputShapes(model, bound, kind, size, min, batchAxis, widthPerHeight);
    }

    /** The kind of input by its type, rank and name; null when none fits. */
    private static InputSize.Kind kindOf(OnnxModelFile.ValueInfo input, long[] dims) {
        boolean integer = OnnxTypes.isInteger(input.elementType());
        boolean real = OnnxTypes.isReal(input.elementType());
        String name = input.name().toLowerCase(Locale.ROOT);
        boolean audio = false;
        for (String hint : AUDIO_HINTS) {
            audio |= name.contains(hint);
        }
        if (dims.length == 4 && (isChannels(dims[1]) || isChannels(dims[3]))) {
            return InputSize.Kind.RESOLUTION;
        }
        if (dims.length == 2 && integer) {
            return InputSize.Kind.TOKENS;
        }
        if (dims.length == 2 && real && audio) {
            return InputSize.Kind.SAMPLES;
        }
        if (dims.length == 3 && real && audio) {
            return InputSize.Kind.FRAMES;
        }
        return null;
    }

    /** Axis 1 or 3 of a rank-4 input when it is open and named like a channel count, else -1. */
    private static int openChannelAxis(OnnxModelFile.ValueInfo input, long[] dims) {
        for (int axis : new int[] {1, 3}) {
            if (dims[axis] <= 0 && param(input, axis).toLowerCase(Locale.ROOT).contains("channel")) {
                return axis;
            }
        }
        return -1;
    }

    private static boolean isChannels(long dim) {
        return dim == 1 || dim == 3 || dim == 4;
    }

    /**
     * The axes the size sets: {height or length, width or -1}; {-1, -1} when the kind has none.
     *
     * @param seen the declared dimensions with the given ones where open
     */
    private static int[] sizeAxes(InputSize.Kind kind, long[] dims, long[] seen) {
        if (kind == InputSize.Kind.RESOLUTION) {
            return isChannels(seen[1]) ? new int[] {2, 3} : new int[] {1, 2};
        }
        if (kind == InputSize.Kind.TOKENS || kind == InputSize.Kind.SAMPLES) {
            return new int[] {1, -1};
        }
        if (kind == InputSize.Kind.FRAMES) {
            // [batch, mel bins, frames] or [batch, frames, features]: the open one is time, else the longer.
            return new int[] {dims[2] <= 0 ? 2 : dims[1] <= 0 ? 1 : dims[2] >= dims[1] ? 2 : 1, -1};
        }
        return new int[] {-1, -1};
    }

    static int defaultSize(InputSize.Kind kind) {
        switch (kind) {
            case TOKENS:
                return DEFAULT_TOKENS;
            case RESOLUTION:
                return DEFAULT_RESOLUTION_PX;
            case SAMPLES:
                return DEFAULT_SAMPLES;
            case FRAMES:
                return DEFAULT_FRAMES;
            default:
                return 1;
        }
    }

    private static long[] checkGiven(String model, OnnxModelFile.ValueInfo input, long[] dims, Role[] roles,
            long[] shape) {
        if (shape.length != dims.length) {
            throw new IllegalArgumentException(model + " input '" + input.name() + "' has " + dims.length
                    + " dimensions " + format(dims) + "; the given shape " + format(shape) + " has " + shape.length);
        }
        for (int i = 0; i < dims.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException(model + " input '" + input.name() + "': every dimension of a given "
                        + "shape must be >= 1, got " + format(shape));
            }
            if (dims[i] > 0 && shape[i] != dims[i]) {
                throw new IllegalArgumentException(model + " input '" + input.name() + "' is declared "
                        + format(dims) + ": dimension " + i + " is fixed at " + dims[i] + ", the given shape has "
                        + shape[i]);
            }
            if (roles[i] == Role.BATCH && shape[i] != 1) {
                throw new IllegalArgumentException(model + " input '" + input.name() + "': dimension 0 is the batch "
                        + "axis; give 1 there (the batch comes from --batch and the batch knob), got " + format(shape));
            }
        }
        return shape.clone();
    }

    private static IllegalArgumentException unresolved(String model, OnnxModelFile.ValueInfo input, String what,
            long[] dims) {
        String example = dims == null ? "1x..." : example(dims);
        return new IllegalArgumentException(model + " input '" + input.name() + "' " + what + ": give its shape, "
                + "e.g. --input " + input.name() + "=" + example);
    }

    private static String param(OnnxModelFile.ValueInfo input, int axis) {
        String[] names = input.dimNames();
        return names == null || axis >= names.length || names[axis] == null ? "" : names[axis];
    }

    private static String describeParam(String param) {
        return param == null || param.isEmpty() ? "" : " ('" + param + "')";
    }

    private static String example(long[] dims) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : "x").append(dims[i] > 0 ? Long.toString(dims[i]) : i == 0 ? "1" : "N");
        }
        return text.toString();
    }

    /** {@code 1x3x224x224}, with {@code ?} for open dimensions. */
    static String format(long[] dims) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : "x").append(dims[i] > 0 ? Long.toString(dims[i]) : "?");
        }
        return text.length() == 0 ? "scalar" : text.toString();
    }

    /**
     * Parses {@code 1x3x224x224} (also with {@code ,} between dimensions).
     *
     * @throws IllegalArgumentException naming the text when it is not a list of positive integers
     */
    public static long[] parseShape(String text) {
        String[] parts = text.trim().split("[x,X*]");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                dims[i] = -1;
            }
            if (dims[i] < 1 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input shape '" + text + "' must be dimensions >= 1 separated by x, "
                        + "e.g. 1x3x224x224");
            }
        }
        return dims;
    }

    /** The model whose inputs these are. */
    String model() {
        return model;
    }

    /** What the input size counts, its default (from the given or declared shapes) and its structural bounds. */
    public InputSize inputSize() {
        boolean fixed = kind == InputSize.Kind.FIXED || !hasSizeAxis();
        int max = fixed ? defaultSize : Integer.MAX_VALUE;
        int min = fixed ? defaultSize : minSize;
        return new InputSize(kind, defaultSize, min, max, widthPerHeight);
    }

    private boolean hasSizeAxis() {
        for (Feed feed : feeds) {
            for (Role role : feed.roles) {
                if (role == Role.SIZE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the inputs have a batch axis; without one a batch of B is B runs of the model. */
    public boolean hasBatchAxis() {
        return batchAxis;
    }

    /** The inputs' names, in the graph's order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Feed feed : feeds) {
            names.add(feed.name);
        }
        return names;
    }

    /** Each input's ONNX element type number, by name. */
    Map<String, Integer> elementTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (Feed feed : feeds) {
            types.put(feed.name, feed.elementType);
        }
        return types;
    }

    /**
     * The shape of every input for one batch of {@code batch} at {@code size} (in {@link #inputSize()}'s unit).
     * Without a batch axis the batch is 1 here whatever {@code batch} says (the model runs once per inference).
     */
    public Map<String, long[]> shapes(int batch, int size) {
        Map<String, long[]> result = new LinkedHashMap<>();
        int width = inputSize().width(size);
        for (Feed feed : feeds) {
            long[] dims = feed.template.clone();
            for (int i = 0; i < dims.length; i++) {
                if (feed.roles[i] == Role.BATCH) {
                    dims[i] = batch;
                } else if (feed.roles[i] == Role.SIZE) {
                    dims[i] = size;
                } else if (feed.roles[i] == Role.WIDTH) {
                    dims[i] = width;
                }
            }
            result.put(feed.name, dims);
        }
        return result;
    }

    /** {@code input_ids 1x128 int64, attention_mask 1x128 int64}: what one batch feeds. */
    public String describe(int batch, int size) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, long[]> input : shapes(batch, size).entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(input.getKey()).append(' ')
                    .append(format(input.getValue())).append(' ')
                    .append(OnnxTypes.name(elementTypes().get(input.getKey())));
        }
        return text.toString();
    }
}
