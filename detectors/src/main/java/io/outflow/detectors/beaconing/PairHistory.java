package io.outflow.detectors.beaconing;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The connections of one key to one destination over the sliding window, in a bounded form:
 * <ul>
 *   <li>connection times (epoch milliseconds, sorted) with the index of their source address, the most recent
 *       {@code maxConnections} of them (interval and periodicity scoring);</li>
 *   <li>connections per bin (epoch-aligned, {@code binWidth}) over the whole window, however many times were kept
 *       (counts, histogram and duration scoring);</li>
 *   <li>bytes sent per connection that flow logs measured, the most recent {@value #MAX_SIZES} (data-size scoring);
 *       </li>
 *   <li>what an alert names: the latest connection's name, address, port and protocol, the firewall resource, the
 *       categories, and the eventIds of the latest connections.</li>
 * </ul>
 * Folding is by time, not by arrival: the same connections give the same history in any order.
 */
final class PairHistory {
    static final int MAX_SIZES = 64;
    static final int MAX_SAMPLE = 10;
    /** The shared slot of sources past the cap (sorts after addresses). */
    static final String OTHER_SOURCES = "~other";

    long[] times = new long[8];
    int[] sources = new int[8];
    int n;
    final TreeMap<String, Integer> sourceIndex = new TreeMap<>();
    final TreeMap<Long, Integer> bins = new TreeMap<>();
    long[] sizeTimes = new long[4];
    long[] sizes = new long[4];
    int sizeCount;
    /** The latest connection (greatest time, then greatest address) gives the names in the alert. */
    long latest = Long.MIN_VALUE;
    String fqdn;
    String ip;
    String latestSource;
    int port = -1;
    String protocol;
    String resourceId;
    final TreeSet<String> categories = new TreeSet<>();
    /** eventIds of the latest connections: time → smallest eventId of that connection. */
    final TreeMap<Long, String> sample = new TreeMap<>();
    /** Connections folded in since the last evaluation (0: nothing new to judge). */
    int fresh;
    /** When the pair was last scored (epoch ms; Long.MIN_VALUE: never) and the timing score it got. */
    long judgedAt = Long.MIN_VALUE;
    double judgedTiming;

    /** Folds one connection in. */
    void add(long time, String sourceIp, int maxSources, int maxConnections, long binWidth, Long bytesOut,
             String connectionFqdn, String connectionIp, int connectionPort, String connectionProtocol,
             String connectionResource, Iterable<String> connectionCategories, String eventId) {
        int source = sourceOf(sourceIp == null ? "" : sourceIp, maxSources);
        int at = upperBound(times, n, time);
        if (n == times.length) {
            int grow = Math.min(Math.max(8, times.length * 2), maxConnections);
            if (grow > times.length) {
                times = Arrays.copyOf(times, grow);
                sources = Arrays.copyOf(sources, grow);
            }
        }
        if (n == times.length) { // full: drop the oldest
            if (at == 0) {
                at = -1; // older than everything kept: only counted in the bins
            } else {
                System.arraycopy(times, 1, times, 0, at - 1);
                System.arraycopy(sources, 1, sources, 0, at - 1);
                at--;
                times[at] = time;
                sources[at] = source;
            }
        } else {
            System.arraycopy(times, at, times, at + 1, n - at);
            System.arraycopy(sources, at, sources, at + 1, n - at);
            times[at] = time;
            sources[at] = source;
            n++;
        }
        bins.merge(Math.floorDiv(time, binWidth), 1, Integer::sum);
        if (bytesOut != null && bytesOut > 0) {
            addSize(time, bytesOut);
        }
        if (time > latest || (time == latest && connectionIp != null && (ip == null || connectionIp.compareTo(ip) > 0))) {
            latest = time;
            latestSource = sourceIp;
            fqdn = connectionFqdn;
            ip = connectionIp;
            port = connectionPort;
            protocol = connectionProtocol;
        }
        if (connectionResource != null && (resourceId == null || connectionResource.compareTo(resourceId) < 0)) {
            resourceId = connectionResource;
        }
        for (String c : connectionCategories) {
            categories.add(c);
        }
        if (eventId != null) {
            sample.merge(time, eventId, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            while (sample.size() > MAX_SAMPLE) {
                sample.pollFirstEntry();
            }
        }
        fresh++;
    }

    /** The index of a source address; past {@code maxSources − 1} addresses, new ones share the last index. */
    private int sourceOf(String address, int maxSources) {
        Integer known = sourceIndex.get(address);
        if (known != null) {
            return known;
        }
        if (sourceIndex.size() < maxSources - 1) {
            int index = sourceIndex.size();
            sourceIndex.put(address, index);
            return index;
        }
        sourceIndex.putIfAbsent(OTHER_SOURCES, maxSources - 1);
        return sourceIndex.get(OTHER_SOURCES);
    }

    /** Renumbers the sources still referenced, in address order, and forgets the rest. */
    private void compactSources() {
        boolean[] used = new boolean[256];
        for (int i = 0; i < n; i++) {
            used[sources[i]] = true;
        }
        int[] remap = new int[256];
        TreeMap<String, Integer> kept = new TreeMap<>();
        int next = 0;
        for (Map.Entry<String, Integer> e : sourceIndex.entrySet()) {
            if (used[e.getValue()] && !e.getKey().equals(OTHER_SOURCES)) {
                remap[e.getValue()] = next;
                kept.put(e.getKey(), next++);
            }
        }
        Integer other = sourceIndex.get(OTHER_SOURCES);
        if (other != null && used[other]) {
            remap[other] = next;
            kept.put(OTHER_SOURCES, next);
        }
        for (int i = 0; i < n; i++) {
            sources[i] = remap[sources[i]];
        }
        sourceIndex.clear();
        sourceIndex.putAll(kept);
    }

    private void addSize(long time, long bytes) {
        int at = upperBound(sizeTimes, sizeCount, time);
        if (sizeCount == sizeTimes.length && sizeTimes.length < MAX_SIZES) {
            int grow = Math.min(sizeTimes.length * 2, MAX_SIZES);
            sizeTimes = Arrays.copyOf(sizeTimes, grow);
            sizes = Arrays.copyOf(sizes, grow);
        }
        if (sizeCount == sizeTimes.length) {
            if (at == 0) {
                return;
            }
            System.arraycopy(sizeTimes, 1, sizeTimes, 0, at - 1);
            System.arraycopy(sizes, 1, sizes, 0, at - 1);
            at--;
        } else {
            System.arraycopy(sizeTimes, at, sizeTimes, at + 1, sizeCount - at);
            System.arraycopy(sizes, at, sizes, at + 1, sizeCount - at);
            sizeCount++;
        }
        sizeTimes[at] = time;
        sizes[at] = bytes;
    }

    /** Drops what is older than {@code from}; true when nothing is left. */
    boolean expireBefore(long from, long binWidth) {
        int drop = lowerBound(times, n, from);
        if (drop > 0) {
            System.arraycopy(times, drop, times, 0, n - drop);
            System.arraycopy(sources, drop, sources, 0, n - drop);
            n -= drop;
        }
        int dropSizes = lowerBound(sizeTimes, sizeCount, from);
        if (dropSizes > 0) {
            System.arraycopy(sizeTimes, dropSizes, sizeTimes, 0, sizeCount - dropSizes);
            System.arraycopy(sizes, dropSizes, sizes, 0, sizeCount - dropSizes);
            sizeCount -= dropSizes;
        }
        if (drop > 0) {
            compactSources();
        }
        bins.headMap(Math.floorDiv(from, binWidth)).clear();
        sample.headMap(from).clear();
        if (n == 0 && !bins.isEmpty() && bins.lastKey() < Math.floorDiv(from, binWidth)) {
            bins.clear();
        }
        return n == 0 && bins.isEmpty();
    }

    /** Connections counted in bins from {@code fromBin} on. */
    int countFrom(long fromBin) {
        int total = 0;
        for (int c : bins.tailMap(fromBin).values()) {
            total += c;
        }
        return total;
    }

    /** Counts of the {@code count} bins ending before bin {@code endBin}, oldest first. */
    int[] binCounts(long endBin, int count) {
        int[] out = new int[count];
        for (Map.Entry<Long, Integer> e : bins.subMap(endBin - count, endBin).entrySet()) {
            out[(int) (e.getKey() - (endBin - count))] = e.getValue();
        }
        return out;
    }

    /** The source addresses of the kept connections, sorted ({@value #OTHER_SOURCES} for those past the cap). */
    TreeSet<String> sourceNames() {
        return new TreeSet<>(sourceIndex.keySet());
    }

    /** First index whose time is > t. */
    private static int upperBound(long[] a, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose time is ≥ t. */
    private static int lowerBound(long[] a, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void write(StateOutput out) {
        long previous = 0;
        for (int i = 0; i < n; i++) {
            out.writeLong(1, (times[i] - previous) << 8 | sources[i]); // delta and source index in one varint
            previous = times[i];
        }
        for (Map.Entry<String, Integer> e : sourceIndex.entrySet()) {
            out.writeMessage(3, m -> m.writeString(1, e.getKey()).writeInt(2, e.getValue()));
        }
        for (Map.Entry<Long, Integer> e : bins.entrySet()) {
            out.writeMessage(4, m -> m.writeLong(1, e.getKey()).writeInt(2, e.getValue()));
        }
        previous = 0;
        for (int i = 0; i < sizeCount; i++) {
            out.writeLong(5, sizeTimes[i] - previous);
            previous = sizeTimes[i];
            out.writeLong(6, sizes[i]);
        }
        out.writeLong(7, latest).writeString(8, fqdn).writeString(9, ip).writeInt(10, port).writeString(11, protocol)
                .writeString(12, resourceId);
        categories.forEach(c -> out.writeString(13, c));
        for (Map.Entry<Long, String> e : sample.entrySet()) {
            out.writeMessage(14, m -> m.writeLong(1, e.getKey()).writeString(2, e.getValue()));
        }
        out.writeInt(15, fresh);
        out.writeString(16, latestSource);
        if (judgedAt != Long.MIN_VALUE) {
            out.writeLong(17, judgedAt).writeDouble(18, judgedTiming);
        }
    }

    static PairHistory read(StateInput in, int maxConnections) {
        PairHistory h = new PairHistory();
        long time = 0;
        long sizeTime = 0;
        long[] times = new long[16];
        int[] sources = new int[16];
        int n = 0;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> {
                    long packed = in.readLong();
                    time += packed >> 8;
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                        sources = Arrays.copyOf(sources, n * 2);
                    }
                    sources[n] = (int) (packed & 0xFF);
                    times[n++] = time;
                }
                case 3 -> {
                    StateInput m = in.readMessage();
                    String key = "";
                    int index = 0;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> key = m.readString();
                            case 2 -> index = m.readInt();
                            default -> m.skip();
                        }
                    }
                    h.sourceIndex.put(key, index);
                }
                case 4 -> {
                    StateInput m = in.readMessage();
                    long bin = 0;
                    int count = 0;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> bin = m.readLong();
                            case 2 -> count = m.readInt();
                            default -> m.skip();
                        }
                    }
                    h.bins.put(bin, count);
                }
                case 5 -> {
                    sizeTime += in.readLong();
                    if (h.sizeCount == h.sizeTimes.length) {
                        h.sizeTimes = Arrays.copyOf(h.sizeTimes, h.sizeCount * 2);
                        h.sizes = Arrays.copyOf(h.sizes, h.sizeCount * 2);
                    }
                    h.sizeTimes[h.sizeCount++] = sizeTime;
                }
                case 6 -> h.sizes[h.sizeCount - 1] = in.readLong();
                case 7 -> h.latest = in.readLong();
                case 8 -> h.fqdn = in.readString();
                case 9 -> h.ip = in.readString();
                case 10 -> h.port = in.readInt();
                case 11 -> h.protocol = in.readString();
                case 12 -> h.resourceId = in.readString();
                case 13 -> h.categories.add(in.readString());
                case 14 -> {
                    StateInput m = in.readMessage();
                    long at = 0;
                    String id = null;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> at = m.readLong();
                            case 2 -> id = m.readString();
                            default -> m.skip();
                        }
                    }
                    if (id != null) {
                        h.sample.put(at, id);
                    }
                }
                case 15 -> h.fresh = in.readInt();
                case 16 -> h.latestSource = in.readString();
                case 17 -> h.judgedAt = in.readLong();
                case 18 -> h.judgedTiming = in.readDouble();
                default -> in.skip();
            }
        }
        int keep = Math.min(n, maxConnections);
        h.times = Arrays.copyOfRange(times, n - keep, n - keep + Math.max(keep, 8));
        h.sources = Arrays.copyOfRange(sources, n - keep, n - keep + Math.max(keep, 8));
        h.n = keep;
        return h;
    }
}
