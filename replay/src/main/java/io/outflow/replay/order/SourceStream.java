package io.outflow.replay.order;

import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.replay.input.InputSource;
import io.outflow.schemas.FlowEvent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One input read by its own thread, in its own order, into a small bounded queue: the merge pulls from it as from an
 * iterator. Reading ahead is bounded (a few batches), so memory grows with the number of inputs open at once, not
 * with their size. Flows outside the replay's time range are counted and dropped here.
 */
final class SourceStream implements AutoCloseable {
    static final int BATCH = 256;
    private static final int QUEUED_BATCHES = 4;
    private static final Object[] END = new Object[0];

    private final InputSource source;
    private final TimeRange range;
    private final AtomicLong bytesRead;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final EntryCounts counts;
    private final Thread thread;
    private volatile boolean closed;
    private volatile IOException failure;
    private long outsideRange;

    // writer side (reader thread)
    private Object[] filling = new Object[BATCH];
    private int filled;

    // reader side (merge thread)
    private Object[] current;
    private int index;
    private boolean ended;

    SourceStream(InputSource source, TimeRange range, AtomicLong bytesRead) {
        this.source = source;
        this.range = range;
        this.bytesRead = bytesRead;
        this.counts = new EntryCounts(new QueueingSink());
        this.thread = new Thread(this::read, "replay-read " + source.name());
        this.thread.setDaemon(true);
    }

    InputSource source() {
        return source;
    }

    SourceStream start() {
        thread.start();
        return this;
    }

    /** The next item (a {@link FlowEvent} or a {@link QuarantineEntry}) without taking it, or null at the end. */
    Object peek() throws InterruptedException {
        while (!ended && (current == null || index == current.length)) {
            Object[] next = queue.poll(100, TimeUnit.MILLISECONDS);
            if (next == END) {
                ended = true;
                current = null;
            } else if (next != null) {
                current = next;
                index = 0;
            } else if (closed) {
                throw new InterruptedException("merge closed");
            }
        }
        return ended ? null : current[index];
    }

    /** Takes the item {@link #peek()} returned. */
    void take() {
        current[index++] = null;
    }

    /** After the end: why reading stopped early, if it did. */
    IOException failure() {
        return failure;
    }

    /** After the end: this input's counts per category. */
    EntryCounts counts() {
        return counts;
    }

    /** After the end: flows dropped by the time range. */
    long outsideRange() {
        return outsideRange;
    }

    private void read() {
        LogFileReader reader = LogFileReader.standard();
        try (InputStream in = new CountingStream(source.open(), bytesRead)) {
            reader.read(in, source.name(), counts);
        } catch (IOException e) {
            failure = e;
        } catch (Closed e) {
            return;
        } catch (RuntimeException e) {
            failure = new IOException("reading failed: " + e, e);
        }
        try {
            flush();
            hand(END);
        } catch (Closed e) {
            // the merge is gone; nobody is waiting
        }
    }

    private void add(Object item) {
        if (closed) {
            throw new Closed();
        }
        filling[filled++] = item;
        if (filled == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (filled > 0) {
            Object[] full = filled == BATCH ? filling : java.util.Arrays.copyOf(filling, filled);
            filling = new Object[BATCH];
            filled = 0;
            hand(full);
        }
    }

    private void hand(Object[] batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Closed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** Thrown in the reader thread when the merge stopped listening. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }

    private final class QueueingSink implements EntrySink {
        @Override
        public void event(FlowEvent event) {
            if (range.contains(event.getTime().toEpochMilli())) {
                add(event);
            } else {
                outsideRange++;
            }
        }

        @Override
        public void quarantine(QuarantineEntry entry) {
            add(entry);
        }

        @Override
        public void ignored(String category) {
            // counted by EntryCounts
        }
    }

    /** Counts raw bytes as they are read, for progress. */
    static final class CountingStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counter.addAndGet(skipped);
            return skipped;
        }
    }
}
