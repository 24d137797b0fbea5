package io.outflow.enrichment.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.avro.AvroRuntimeException;

/**
 * Reads identity history files into {@link IdentityChange}s, the records informers emit for the same objects:
 * <ul>
 *   <li>Kubernetes WatchEvent streams {@code {"type":"ADDED|MODIFIED|DELETED","object":{…}}} as
 *       {@code kubectl get <kind> -A --watch --output-watch-events -o json} prints them (pretty-printed) or one per
 *       line; files may be concatenated;</li>
 *   <li>{@code kubectl get … -o json} lists ({@code "kind":"List"} with {@code items}), each item taken as ADDED;
 *       a single object document likewise;</li>
 *   <li>{@code IdentityChange} Avro container files;</li>
 * </ul>
 * any of them gzip-compressed. Objects of kinds other than Pod, ReplicaSet, Job and Node are skipped and counted;
 * BOOKMARK and ERROR events likewise; a broken document is counted with its line and reading carries on.
 */
public final class HistoryReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final AddressFilter filter;

    /** @param filter keeps only what bears on one address, or null for everything */
    public HistoryReader(AddressFilter filter) {
        this.filter = filter;
    }

    public HistoryReader() {
        this(null);
    }

    /** Reads one source; changes go to {@code sink}, tallies to {@code counts}. */
    public void read(HistorySource source, Consumer<IdentityChange> sink, HistoryCounts counts) throws IOException {
        try (InputStream raw = Files.newInputStream(source.file())) {
            read(raw, source, sink, counts);
        }
    }

    void read(InputStream raw, HistorySource source, Consumer<IdentityChange> sink, HistoryCounts counts)
            throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] head = peek(in, 4);
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            head = peek(in, 4);
        }
        if (Arrays.equals(head, IdentityChangeArchive.MAGIC)) {
            readArchive(in, source, sink, counts);
        } else {
            readJson(in, source, sink, counts);
        }
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }

    private void readArchive(InputStream in, HistorySource source, Consumer<IdentityChange> sink,
                             HistoryCounts counts) throws IOException {
        try {
            IdentityChangeArchive.read(in, change -> {
                if (source.explicit()) {
                    change.setCluster(source.cluster());
                }
                emit(change, sink, counts);
            });
        } catch (AvroRuntimeException e) {
            throw new IOException("not a readable IdentityChange archive: " + e.getMessage(), e);
        }
    }

    private void readJson(InputStream in, HistorySource source, Consumer<IdentityChange> sink, HistoryCounts counts)
            throws IOException {
        String file = source.file().toString();
        JsonDocumentScanner scanner = new JsonDocumentScanner(new JsonDocumentScanner.Handler() {
            @Override
            public void document(byte[] buffer, int offset, int length, long line) throws IOException {
                if (filter != null && !filter.mayConcern(buffer, offset, length)) {
                    counts.filter();
                    return;
                }
                try (JsonParser p = JSON.createParser(buffer, offset, length)) {
                    JsonToken first = p.nextToken();
                    if (first == JsonToken.START_ARRAY) {
                        JsonToken t;
                        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                            if (t == JsonToken.START_OBJECT) {
                                topLevel(p, source.cluster(), sink, counts);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (first == JsonToken.START_OBJECT) {
                        topLevel(p, source.cluster(), sink, counts);
                    }
                } catch (JsonProcessingException e) {
                    counts.broken(file + ":" + line, "invalid JSON: " + e.getOriginalMessage());
                }
            }

            @Override
            public void broken(long line, String excerpt) {
                counts.broken(file + ":" + line, "incomplete JSON document: " + excerpt);
            }
        });
        scanner.scan(in);
    }

    /** A top-level object: a watch event, a list, or an object by itself. */
    private void topLevel(JsonParser p, String cluster, Consumer<IdentityChange> sink, HistoryCounts counts)
            throws IOException {
        String type = null;
        KubernetesObject watched = null;
        KubernetesObject bare = new KubernetesObject();
        boolean list = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> type = KubernetesObject.text(p, value);
                case "object" -> {
                    if (value == JsonToken.START_OBJECT) {
                        watched = KubernetesObject.read(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "items" -> {
                    if (value == JsonToken.START_ARRAY) {
                        list = true;
                        JsonToken t;
                        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                            if (t == JsonToken.START_OBJECT) {
                                object(KubernetesObject.read(p), ChangeType.ADDED, cluster, sink, counts);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> bare.topLevelField(field, value, p);
            }
        }
        if (watched != null) {
            ChangeType changeType = changeType(type);
            if (changeType == null) {
                counts.skippedEvent(type);
                return;
            }
            object(watched, changeType, cluster, sink, counts);
        } else if (!list) {
            if (type != null) {
                counts.skippedEvent(type); // an event without an object
            } else {
                object(bare, ChangeType.ADDED, cluster, sink, counts);
            }
        }
    }

    private void object(KubernetesObject object, ChangeType type, String cluster, Consumer<IdentityChange> sink,
                        HistoryCounts counts) {
        IdentityChange change = object.toChange(cluster, type, null);
        if (change == null) {
            counts.skippedKind(object.kind);
            return;
        }
        emit(change, sink, counts);
    }

    private void emit(IdentityChange change, Consumer<IdentityChange> sink, HistoryCounts counts) {
        if (filter != null && !filter.keeps(change)) {
            counts.filter();
            return;
        }
        counts.change(change.getObjectKind());
        sink.accept(change);
    }

    private static ChangeType changeType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "ADDED" -> ChangeType.ADDED;
            case "MODIFIED" -> ChangeType.MODIFIED;
            case "DELETED" -> ChangeType.DELETED;
            default -> null;
        };
    }
}
