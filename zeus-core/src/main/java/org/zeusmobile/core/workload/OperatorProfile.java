package org.zeusmobile.core.workload;

/** The cost of one operator for one batch: its FLOPs and the bytes it moves. */
public final class OperatorProfile {

    private final String name;
    private final String opType;
    private final OperatorClass operatorClass;
    private final double flops;
    private final double bytesRead;
    private final double bytesWritten;
    private final String processor;

    /**
     * @param flops floating-point (or integer) operations; a multiply-add counts as 2
     * @param bytesRead bytes read: weights plus input activations
     * @param bytesWritten bytes written: output activations
     * @param processor where it runs: {@code gpu}, {@code cpu} (the device picks a cluster) or a cluster name
     */
    public OperatorProfile(String name, String opType, OperatorClass operatorClass, double flops, double bytesRead,
            double bytesWritten, String processor) {
        if (!(flops >= 0) || !(bytesRead >= 0) || !(bytesWritten >= 0)) {
            throw new IllegalArgumentException("operator " + name + " has negative or NaN cost: flops=" + flops
                    + " read=" + bytesRead + " written=" + bytesWritten);
        }
        this.name = name;
        this.opType = opType;
        this.operatorClass = operatorClass;
        this.flops = flops;
        this.bytesRead = bytesRead;
        this.bytesWritten = bytesWritten;
        this.processor = processor;
    }

    public String name() {
        return name;
    }

    public String opType() {
        return opType;
    }

    public OperatorClass operatorClass() {
        return operatorClass;
    }

    public double flops() {
        return flops;
    }

    public double bytesRead() {
        return bytesRead;
    }

    public double bytesWritten() {
        return bytesWritten;
    }

    public double bytes() {
        return bytesRead + bytesWritten;
    }

    /** FLOPs per byte moved. */
    public double arithmeticIntensity() {
        double bytes = bytes();
        return bytes > 0 ? flops / bytes : Double.POSITIVE_INFINITY;
    }

    public String processor() {
        return processor;
    }

    public OperatorProfile onProcessor(String newProcessor) {
        return new OperatorProfile(name, opType, operatorClass, flops, bytesRead, bytesWritten, newProcessor);
    }

    @Override
    public String toString() {
        return name + "(" + opType + ", " + operatorClass.id() + ", " + flops + " FLOP, " + bytes() + " B, " + processor
                + ")";
    }
}
