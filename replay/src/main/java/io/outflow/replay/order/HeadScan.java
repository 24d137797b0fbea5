package io.outflow.replay.order;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.replay.input.InputSource;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds each input's head: the time of its first flow inside the time range. The merge opens an input just before
 * the merged stream would pass that time, so an input waits unopened until it is due, and a thousand hourly files
 * do not hold a thousand readers. Reading stops at the first flow: for files of many bodies that is the first body;
 * a flow-log blob that is one JSON document is parsed up to its first tuple.
 */
final class HeadScan {
    /** No flow in range: the input holds only quarantined, ignored or out-of-range entries, or nothing. */
    static final long NO_FLOW = Long.MIN_VALUE;

    private HeadScan() {
    }

    /** An input and its head time ({@link #NO_FLOW} when it has none). */
    record Head(InputSource source, long time) {
    }

    static List<Head> scan(List<InputSource> sources, TimeRange range, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, sources.size())), r -> {
            Thread t = new Thread(r, "replay-head-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Head>> futures = new ArrayList<>();
            for (InputSource source : sources) {
                futures.add(pool.submit(() -> new Head(source, headOf(source, range))));
            }
            List<Head> heads = new ArrayList<>();
            for (Future<Head> future : futures) {
                try {
                    heads.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("head scan failed", e.getCause());
                }
            }
            return heads;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The time of the input's first flow in range. An input that cannot be read gets {@link #NO_FLOW}: it is opened
     * first, and reading it again reports the failure in its place.
     */
    static long headOf(InputSource source, TimeRange range) {
        FirstFlow sink = new FirstFlow(range);
        try (InputStream in = source.open()) {
            LogFileReader.standard().read(in, source.name(), sink);
        } catch (Found found) {
            return sink.time;
        } catch (IOException | RuntimeException e) {
            return NO_FLOW;
        }
        return NO_FLOW;
    }

    /** Stops the reader at the first flow in range. */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }

    private static final class FirstFlow implements EntrySink {
        private final TimeRange range;
        private long time = NO_FLOW;

        FirstFlow(TimeRange range) {
            this.range = range;
        }

        @Override
        public void event(FlowEvent event) {
            long t = event.getTime().toEpochMilli();
            if (time == NO_FLOW && range.contains(t)) {
                time = t;
            }
            if (time != NO_FLOW) {
                throw new Found();
            }
        }

        @Override
        public void quarantine(QuarantineEntry entry) {
            // a parser that turns our stop into a quarantine entry is stopped again here
            if (time != NO_FLOW) {
                throw new Found();
            }
        }

        @Override
        public void ignored(String category) {
            if (time != NO_FLOW) {
                throw new Found();
            }
        }
    }
}
