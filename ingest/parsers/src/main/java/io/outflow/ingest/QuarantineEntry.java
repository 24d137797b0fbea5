package io.outflow.ingest;

/**
 * An entry that could not become an event: why (naming the field and the problem), where it came from, and its raw
 * text (bounded; the hash and length are of the whole raw entry, so it can be found again in the source).
 *
 * @param category the envelope category when it could be read, else {@code "unknown"}
 * @param offset byte offset of the entry in the source (file or partition stream)
 */
public record QuarantineEntry(String category, String reason, String source, long offset, String raw,
                              boolean rawTruncated, long rawLength, String rawSha256) {
    public static final String UNKNOWN_CATEGORY = "unknown";
}
