package io.outflow.ingest.files;

import io.outflow.ingest.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Cuts a stream of JSON values into bodies by counting brackets outside strings, so one reader serves JSON Lines
 * and JSON documents spread over several lines (a {@code PT1H.json} blob, a pretty-printed sample) alike, without
 * parsing anything twice. After an error the text up to the next body — the next line whose first non-blank
 * character opens an object or array — is quarantined as one piece and reading carries on. Errors are: text
 * outside any value; a raw line break inside a string (never JSON); a value that does not close by the end of
 * input or within the body limit.
 * Syntax errors inside a balanced value are left to the body parser, which quarantines that body alone.
 */
public final class BodySplitter {
    private static final int CHUNK = 1 << 16;

    private final int maxBodyBytes;
    private final int maxExcerpt;

    public BodySplitter(int maxBodyBytes, int maxExcerpt) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxExcerpt = maxExcerpt;
    }

    public void split(InputStream in, String sourceName, BodyHandler handler) throws IOException {
        new Scan(in, sourceName, 0, handler).run();
    }

    /**
     * Recovers what it can from a body that spans several lines but is not valid JSON (brackets balanced by
     * compensating errors, or one broken record in a pretty-printed document): the text up to the next line that
     * opens a value is quarantined with {@code reason}, and the rest is split again.
     */
    public void resplit(byte[] bytes, int offset, int length, SourceRef source, String reason, BodyHandler handler) {
        try {
            Scan scan = new Scan(new java.io.ByteArrayInputStream(bytes, offset, length), source.source(),
                    source.offset(), handler);
            scan.refill(0, 0);
            scan.run(scan.junkUntilNextBody(0, 0, reason));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private final class Scan {
        private final InputStream in;
        private final String sourceName;
        private final BodyHandler handler;
        private byte[] buf = new byte[CHUNK];
        private int len;          // bytes in buf
        private long bufBase;     // stream offset of buf[0]
        private boolean eof;

        Scan(InputStream in, String sourceName, long base, BodyHandler handler) {
            this.in = in;
            this.sourceName = sourceName;
            this.bufBase = base;
            this.handler = handler;
        }

        void run() throws IOException {
            int pos = refill(0, 0);
            if (len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3; // a UTF-8 byte order mark, as some Windows tools write
            }
            run(pos);
        }

        void run(int pos) throws IOException {
            while (true) {
                // skip whitespace between values
                while (true) {
                    if (pos >= len) {
                        pos = refill(pos, pos);
                        if (pos >= len) {
                            return;
                        }
                    }
                    byte b = buf[pos];
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                        pos++;
                    } else {
                        break;
                    }
                }
                byte first = buf[pos];
                if (first == '{' || first == '[') {
                    pos = value(pos);
                } else {
                    pos = junkUntilNextBody(pos, pos, "text outside any JSON value");
                }
            }
        }

        /** Scans one value starting at {@code start}; returns where scanning continues. */
        private int value(int start) throws IOException {
            int depth = 0;
            boolean inString = false;
            boolean escaped = false;
            int i = start;
            while (true) {
                if (i >= len) {
                    if (i - start > maxBodyBytes) {
                        return junkUntilNextBody(start, start, "JSON value exceeds the body limit of "
                                + maxBodyBytes + " bytes without closing");
                    }
                    int newStart = refill(start, i);
                    i -= start - newStart;
                    start = newStart;
                    if (i >= len) {
                        return junkUntilNextBody(start, start, "JSON value not closed at end of input");
                    }
                }
                byte b = buf[i];
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    } else if (b == '\n') {
                        return junkUntilNextBody(start, start, "line break inside a JSON string: value not closed on its line");
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        handler.body(buf, start, i + 1 - start, new SourceRef(sourceName, bufBase + start));
                        return i + 1;
                    }
                }
                i++;
            }
        }

        /**
         * Quarantines from {@code start} up to the next line (after the one holding {@code from}) whose first
         * non-blank character is '{' or '['; returns where that line starts. The piece is hashed as it streams by,
         * so a junk piece of any size costs no more memory than its excerpt.
         */
        private int junkUntilNextBody(int start, int from, String reason) throws IOException {
            Junk junk = new Junk(bufBase + start);
            int i = from;
            boolean lineStart = false;
            while (true) {
                if (i >= len) {
                    junk.add(buf, start, i);
                    start = refill(i, i);
                    i = start;
                    if (i >= len) {
                        break;
                    }
                }
                byte b = buf[i];
                if (b == '\n') {
                    lineStart = true;
                } else if (lineStart && b != ' ' && b != '\t' && b != '\r') {
                    if (b == '{' || b == '[') {
                        break;
                    }
                    lineStart = false;
                }
                i++;
            }
            junk.add(buf, start, i);
            handler.unsplittable(junk.excerpt(), junk.truncated(), junk.length(), junk.sha256(),
                    new SourceRef(sourceName, junk.offset), reason);
            return i;
        }

        /**
         * Reads more input, first moving {@code keepFrom..len} to the front (or growing the buffer when it is all
         * in use). Returns the new index of {@code keepFrom}.
         */
        private int refill(int keepFrom, int needAfter) throws IOException {
            if (eof) {
                return keepFrom;
            }
            if (keepFrom > 0) {
                System.arraycopy(buf, keepFrom, buf, 0, len - keepFrom);
                len -= keepFrom;
                bufBase += keepFrom;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.readNBytes(buf, len, buf.length - len);
            if (n <= 0) {
                eof = true;
            } else {
                len += n;
                if (len < buf.length) {
                    // readNBytes returns short only at end of stream
                    eof = true;
                }
            }
            return 0;
        }
    }

    /** A quarantined piece streaming by: its excerpt, length (trailing blanks left out) and hash. */
    private final class Junk {
        private final long offset;
        private final MessageDigest digest = newSha256();
        private final ByteArrayOutputStream excerpt = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pendingBlanks = new ByteArrayOutputStream();
        private long length;

        Junk(long offset) {
            this.offset = offset;
        }

        /** Adds bytes; blanks are held back until more text follows, so trailing blanks are not part of it. */
        void add(byte[] bytes, int from, int to) {
            int runStart = from;
            for (int k = from; k < to; k++) {
                byte b = bytes[k];
                if (b == '\n' || b == '\r' || b == ' ' || b == '\t') {
                    take(bytes, runStart, k);
                    pendingBlanks.write(b);
                    runStart = k + 1;
                } else if (pendingBlanks.size() > 0) {
                    byte[] blanks = pendingBlanks.toByteArray();
                    pendingBlanks.reset();
                    take(blanks, 0, blanks.length);
                }
            }
            take(bytes, runStart, to);
        }

        private void take(byte[] bytes, int from, int to) {
            if (to <= from) {
                return;
            }
            digest.update(bytes, from, to - from);
            int room = maxExcerpt - excerpt.size();
            if (room > 0) {
                excerpt.write(bytes, from, Math.min(room, to - from));
            }
            length += to - from;
        }

        String excerpt() {
            return excerpt.toString(StandardCharsets.UTF_8);
        }

        boolean truncated() {
            return length > excerpt.size();
        }

        long length() {
            return length;
        }

        String sha256() {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest.digest()) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
