package io.outflow.ingest;

import io.outflow.ingest.json.JsonObject;
import io.outflow.schemas.ids.ContentId;
import java.nio.charset.StandardCharsets;

/** The body a record was read from, so that a parser can quarantine a record or a piece of it with its raw text. */
public final class RecordContext {
    private final SourceRef source;
    private final byte[] body;
    private final int bodyOffset;
    private final int bodyLength;
    private final int maxExcerpt;

    public RecordContext(SourceRef source, byte[] body, int bodyOffset, int bodyLength, int maxExcerpt) {
        this.source = source;
        this.body = body;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.maxExcerpt = maxExcerpt;
    }

    public SourceRef source() {
        return source;
    }

    /** Quarantines a whole record with its own bytes. */
    public QuarantineEntry quarantine(String category, JsonObject record, String reason) {
        long start = record.startOffset();
        long end = record.endOffset();
        if (start < bodyOffset || end > bodyOffset + bodyLength || end <= start) {
            start = bodyOffset;
            end = bodyOffset + bodyLength;
        }
        return quarantineBytes(category, body, (int) start, (int) (end - start), reason);
    }

    /** Quarantines a piece of a record (such as one flow tuple) by its text. */
    public QuarantineEntry quarantineText(String category, String text, JsonObject within, String reason) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long offset = within != null && within.startOffset() >= bodyOffset ? within.startOffset() : bodyOffset;
        QuarantineEntry entry = quarantineBytes(category, bytes, 0, bytes.length, reason);
        return new QuarantineEntry(entry.category(), reason, source.source(), source.offset() + offset - bodyOffset,
                entry.raw(), entry.rawTruncated(), entry.rawLength(), entry.rawSha256());
    }

    /** Quarantines the whole body (not JSON, or no records in it). */
    public QuarantineEntry quarantineBody(String category, String reason) {
        return quarantineBytes(category, body, bodyOffset, bodyLength, reason);
    }

    private QuarantineEntry quarantineBytes(String category, byte[] bytes, int from, int length, String reason) {
        int excerptLength = Math.min(length, maxExcerpt);
        String raw = new String(bytes, from, excerptLength, StandardCharsets.UTF_8);
        return new QuarantineEntry(category == null ? QuarantineEntry.UNKNOWN_CATEGORY : category, reason,
                source.source(), source.offset() + (from - bodyOffset), raw, excerptLength < length, length,
                ContentId.sha256Hex(bytes, from, length));
    }
}
