package io.outflow.enrichment.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stream of concatenated JSON documents (one per line, or pretty-printed over many lines as
 * {@code kubectl -o json} prints them) into documents without parsing them: it only follows nesting, strings and
 * escapes, so a caller can skip a document cheaply or hand it to a real parser.
 *
 * <p>Recovery: a raw line break inside a string, or a <code>{</code> at the start of a line while a document is
 * still open (top-level documents start at column 0; nested ones are indented or inline), marks the open
 * document broken and starts over. Text outside any document is reported broken up to the next line.
 */
final class JsonDocumentScanner {
    private static final int CHUNK = 1 << 16;
    /** Bytes that change nothing inside a string (not a quote, backslash or line break). */
    private static final boolean[] PLAIN_IN_STRING = new boolean[256];
    /** Bytes that change nothing inside a document outside strings (no quote, bracket or line break). */
    private static final boolean[] PLAIN_IN_DOCUMENT = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            PLAIN_IN_STRING[b] = b != '"' && b != '\\' && b != '\n';
            PLAIN_IN_DOCUMENT[b] = b != '"' && b != '{' && b != '[' && b != '}' && b != ']' && b != '\n';
        }
    }

    /** Receives each document; buffers are reused after the call returns. */
    interface Handler {
        void document(byte[] buffer, int offset, int length, long line) throws IOException;

        void broken(long line, String excerpt);
    }

    private final Handler handler;
    private byte[] buffer = new byte[CHUNK * 4];
    private int limit;
    private int start = -1; // start of the open document, or of the stray text; -1 when between documents
    private boolean stray;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean broken;
    /** Whether the byte under scan is the first of its line (column 0). */
    private boolean lineStart = true;
    private long line = 1;
    private long startLine;

    JsonDocumentScanner(Handler handler) {
        this.handler = handler;
    }

    void scan(InputStream in) throws IOException {
        int pos = 0;
        while (true) {
            if (pos == limit) {
                int keep = start >= 0 ? start : pos;
                int kept = limit - keep;
                if (keep > 0) {
                    System.arraycopy(buffer, keep, buffer, 0, kept);
                }
                if (start >= 0) {
                    start = 0;
                }
                pos = kept;
                limit = kept;
                if (buffer.length - limit < CHUNK) {
                    byte[] grown = new byte[buffer.length * 2];
                    System.arraycopy(buffer, 0, grown, 0, limit);
                    buffer = grown;
                }
                int read = in.readNBytes(buffer, limit, buffer.length - limit);
                if (read <= 0) {
                    finish(pos);
                    return;
                }
                limit += read;
            }
            // runs of bytes that change no state, scanned in tight loops (most of a document)
            if (inString && !escaped) {
                int p = pos;
                while (p < limit && PLAIN_IN_STRING[buffer[p] & 0xff]) {
                    p++;
                }
                if (p > pos) {
                    lineStart = false;
                    pos = p;
                    continue;
                }
            } else if (!inString && !stray && depth > 0) {
                int p = pos;
                while (p < limit && PLAIN_IN_DOCUMENT[buffer[p] & 0xff]) {
                    p++;
                }
                if (p > pos) {
                    lineStart = false;
                    pos = p;
                    continue;
                }
            }
            byte c = buffer[pos];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                } else if (c == '\n') {
                    // JSON strings hold no raw line breaks: the document was cut here
                    inString = false;
                    broken = true;
                }
            } else if (stray) {
                if (c == '\n') {
                    report(pos);
                    start = -1;
                    stray = false;
                }
            } else {
                switch (c) {
                    case '"' -> {
                        if (depth == 0) {
                            beginStray(pos);
                        } else {
                            inString = true;
                        }
                    }
                    case '{', '[' -> {
                        if (depth == 0) {
                            start = pos;
                            startLine = line;
                            broken = false;
                        } else if (lineStart && c == '{') {
                            report(pos);
                            start = pos;
                            startLine = line;
                            depth = 0;
                            broken = false;
                        }
                        depth++;
                    }
                    case '}', ']' -> {
                        if (depth == 0) {
                            beginStray(pos);
                        } else if (--depth == 0) {
                            if (broken) {
                                report(pos + 1);
                            } else {
                                handler.document(buffer, start, pos + 1 - start, startLine);
                            }
                            start = -1;
                            broken = false;
                        }
                    }
                    case ' ', '\t', '\r', '\n' -> {
                    }
                    default -> {
                        if (depth == 0) {
                            beginStray(pos);
                        }
                    }
                }
            }
            if (c == '\n') {
                line++;
            }
            lineStart = c == '\n';
            pos++;
        }
    }

    private void beginStray(int pos) {
        stray = true;
        start = pos;
        startLine = line;
    }

    private void report(int end) {
        if (start < 0) {
            return;
        }
        int length = Math.min(end - start, 120);
        String excerpt = new String(buffer, start, Math.max(0, length), StandardCharsets.UTF_8).strip();
        handler.broken(startLine, excerpt);
    }

    private void finish(int pos) {
        if (start >= 0 && (depth > 0 || stray)) {
            report(pos);
        }
        start = -1;
    }
}
