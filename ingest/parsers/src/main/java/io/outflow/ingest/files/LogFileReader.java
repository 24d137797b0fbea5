package io.outflow.ingest.files;

import io.outflow.ingest.BodyParser;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.ParseLimits;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.RecordContext;
import io.outflow.ingest.SourceRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a log file of any supported shape — JSON Lines, multi-line JSON documents, either gzip-compressed, or an
 * Event Hubs Capture Avro archive (recognised by content, not by name) — and gives every entry in it an outcome.
 */
public final class LogFileReader {
    private final BodyParser parser;
    private final BodySplitter splitter;
    private final CaptureArchiveReader captures = new CaptureArchiveReader();
    private final int maxExcerpt;

    public LogFileReader(BodyParser parser, ParseLimits limits) {
        this.parser = parser;
        this.splitter = new BodySplitter(limits.maxBodyBytes(), limits.maxExcerptBytes());
        this.maxExcerpt = limits.maxExcerptBytes();
    }

    public static LogFileReader standard() {
        return new LogFileReader(BodyParser.standard(), ParseLimits.DEFAULT);
    }

    /** Reads a whole file; an {@link IOException} means the file (or its compression) could not be read. */
    public void read(Path file, EntrySink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            read(in, file.toString(), sink);
        }
    }

    public void read(InputStream raw, String sourceName, EntrySink sink) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (startsWith(in, new byte[] {0x1f, (byte) 0x8b})) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        BodyHandler handler = new ParsingHandler(sink);
        if (startsWith(in, CaptureArchiveReader.MAGIC)) {
            captures.read(in, sourceName, handler);
        } else {
            splitter.split(in, sourceName, handler);
        }
    }

    private static boolean startsWith(InputStream in, byte[] magic) throws IOException {
        in.mark(magic.length);
        byte[] head = in.readNBytes(magic.length);
        in.reset();
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private final class ParsingHandler implements BodyHandler {
        private final EntrySink sink;

        ParsingHandler(EntrySink sink) {
            this.sink = sink;
        }

        @Override
        public void body(byte[] buffer, int offset, int length, SourceRef source) {
            String failure = parser.parseIfValid(buffer, offset, length, source, sink);
            if (failure == null) {
                return;
            }
            if (spansLines(buffer, offset, length)) {
                // one broken line must not take its neighbours with it: read the rest again piece by piece
                splitter.resplit(buffer, offset, length, source, failure, this);
            } else {
                sink.quarantine(new RecordContext(source, buffer, offset, length, maxExcerpt)
                        .quarantineBody(null, failure));
            }
        }

        private static boolean spansLines(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void unsplittable(String excerpt, boolean truncated, long length, String sha256, SourceRef source,
                                 String reason) {
            sink.quarantine(new QuarantineEntry(QuarantineEntry.UNKNOWN_CATEGORY, reason, source.source(),
                    source.offset(), excerpt, truncated, length, sha256));
        }
    }
}
