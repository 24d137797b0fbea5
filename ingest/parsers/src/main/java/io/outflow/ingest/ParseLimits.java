package io.outflow.ingest;

/**
 * Guards against hostile or broken input. Event Hubs messages are at most 1 MB and firewall records a few KB, but a
 * whole {@code PT1H.json} flow-log blob is one body and may hold an hour of tuples, hence the larger body limit.
 */
public record ParseLimits(int maxBodyBytes, int maxRecordBytes, int maxNestingDepth, int maxStringLength,
                          int maxNumberLength, int maxExcerptBytes) {
    public static final ParseLimits DEFAULT = new ParseLimits(256 << 20, 16 << 20, 64, 1 << 20, 40, 4096);
}
