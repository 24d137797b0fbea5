package io.outflow.replay.order;

import io.outflow.ingest.QuarantineEntry;
import io.outflow.replay.input.InputSource;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads many inputs as one stream in event-time order, the way a live consumer reading every partition at once
 * would see them: each input keeps its own order, and at every step the input whose next flow is earliest goes
 * next (ties by input name). An input is opened when the merged stream reaches its first flow, found beforehand by
 * {@link HeadScan}.
 *
 * <p>What this buys: a flow is late exactly when it would be late if its input were replayed alone. Every flow of
 * another input that went out before it was no later than some flow of its own input that precedes it, so the
 * largest time seen is the largest of its own input's prefix. Which inputs exist, how they are named, and the
 * order in which they were listed cannot make a flow late; only an input's own disorder beyond the allowed
 * lateness can.
 *
 * <p>Quarantined entries leave as soon as they reach the front of their input. The last item is the
 * {@link InputTally}. Not thread-safe: one thread polls.
 */
public final class EventTimeMerge implements AutoCloseable {
    /** How often (in items) a progress item is put into the stream. */
    static final int PROGRESS_EVERY = 16_384;

    private static final Comparator<Pending> PENDING_ORDER =
            Comparator.comparingLong(Pending::head).thenComparing(p -> p.source().name());

    private final TimeRange range;
    private final LatenessRule lateness;
    private final ArrayDeque<Pending> pending;
    private final PriorityQueue<Open> open = new PriorityQueue<>();
    private final ArrayDeque<ReplayItem> outbox = new ArrayDeque<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final SortedMap<String, InputTally.Outcomes> categories = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final int files;
    private long outsideRange;
    private long sinceProgress;
    private boolean tallied;

    private record Pending(InputSource source, long head) {
    }

    /** An input being read, ordered by its next flow's time, then its name. */
    private static final class Open implements Comparable<Open> {
        final SourceStream stream;
        FlowEvent next;
        long nextTime;

        Open(SourceStream stream) {
            this.stream = stream;
        }

        @Override
        public int compareTo(Open other) {
            int byTime = Long.compare(nextTime, other.nextTime);
            return byTime != 0 ? byTime : stream.source().name().compareTo(other.stream.source().name());
        }
    }

    private EventTimeMerge(List<HeadScan.Head> heads, TimeRange range, Duration allowedLateness) {
        this.range = range;
        this.lateness = new LatenessRule(allowedLateness);
        List<Pending> sorted = new ArrayList<>();
        heads.forEach(h -> sorted.add(new Pending(h.source(), h.time())));
        sorted.sort(PENDING_ORDER);
        this.pending = new ArrayDeque<>(sorted);
        this.files = heads.size();
    }

    /**
     * Scans the inputs' heads (with up to {@code scanThreads} threads) and prepares the merge; nothing is read for
     * the merge itself until the first {@link #poll()}.
     */
    public static EventTimeMerge open(List<InputSource> sources, TimeRange range, Duration allowedLateness,
                                      int scanThreads) throws InterruptedException {
        return new EventTimeMerge(HeadScan.scan(sources, range, scanThreads), range, allowedLateness);
    }

    /** The next item, blocking while a reader catches up; null after the tally. */
    public ReplayItem poll() throws InterruptedException {
        while (true) {
            if (!outbox.isEmpty()) {
                return outbox.poll();
            }
            if (!pending.isEmpty() && (open.isEmpty() || dueBefore(pending.peek(), open.peek()))) {
                openNext();
                continue;
            }
            if (open.isEmpty()) {
                if (tallied) {
                    return null;
                }
                tallied = true;
                return ReplayItem.tally(new InputTally(categories, outsideRange, files, failures), bytesRead.get());
            }
            Open first = open.poll();
            FlowEvent flow = first.next;
            long time = first.nextTime;
            first.stream.take();
            if (position(first)) {
                open.add(first);
            }
            boolean late = lateness.isLate(time);
            lateness.observe(time);
            if (++sinceProgress >= PROGRESS_EVERY) {
                sinceProgress = 0;
                outbox.add(ReplayItem.progress(bytesRead.get()));
            }
            return ReplayItem.flow(flow, late, lateness.watermark());
        }
    }

    /** Bytes of input read so far (compressed bytes for .gz; head scans not counted). */
    public long bytesRead() {
        return bytesRead.get();
    }

    private static boolean dueBefore(Pending pending, Open open) {
        int byTime = Long.compare(pending.head(), open.nextTime);
        return byTime != 0 ? byTime < 0 : pending.source().name().compareTo(open.stream.source().name()) < 0;
    }

    private void openNext() throws InterruptedException {
        Open input = new Open(new SourceStream(pending.poll().source(), range, bytesRead).start());
        if (position(input)) {
            open.add(input);
        }
    }

    /**
     * Moves an input to its next flow, sending quarantined entries on their way; at the end of the input, adds its
     * counts and returns false.
     */
    private boolean position(Open input) throws InterruptedException {
        SourceStream stream = input.stream;
        while (true) {
            Object item = stream.peek();
            if (item == null) {
                finish(stream);
                return false;
            }
            if (item instanceof FlowEvent flow) {
                input.next = flow;
                input.nextTime = flow.getTime().toEpochMilli();
                return true;
            }
            stream.take();
            outbox.add(ReplayItem.quarantine((QuarantineEntry) item));
        }
    }

    private void finish(SourceStream stream) {
        InputTally.add(categories, stream.counts());
        outsideRange += stream.outsideRange();
        IOException failure = stream.failure();
        if (failure != null) {
            failures.add(stream.source().name() + ": " + failure.getMessage());
        }
        stream.close();
    }

    @Override
    public void close() {
        open.forEach(o -> o.stream.close());
        open.clear();
        pending.clear();
    }
}
