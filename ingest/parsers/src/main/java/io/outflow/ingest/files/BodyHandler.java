package io.outflow.ingest.files;

import io.outflow.ingest.SourceRef;

/** Receives what a file holds: bodies to parse, and pieces that are no body at all. */
public interface BodyHandler {
    /** One body: the bytes in {@code buffer[offset, offset + length)} are only valid during the call. */
    void body(byte[] buffer, int offset, int length, SourceRef source);

    /**
     * Text that cannot be a body (stray text between values, an unterminated value, an oversized value): one
     * entry to quarantine. {@code excerpt} is bounded; {@code sha256} and {@code length} describe the whole piece.
     */
    void unsplittable(String excerpt, boolean truncated, long length, String sha256, SourceRef source, String reason);
}
