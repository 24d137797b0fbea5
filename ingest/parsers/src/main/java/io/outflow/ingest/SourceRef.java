package io.outflow.ingest;

/** Where a body came from: a file and the byte offset of the body in it, or an Event Hubs partition and offset. */
public record SourceRef(String source, long offset) {
    public SourceRef at(long bodyRelativeOffset) {
        return new SourceRef(source, offset + bodyRelativeOffset);
    }
}
