package io.outflow.detectors.cryptomining;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.time.Duration;
import java.time.Instant;

/**
 * Traffic of one workload to one bare address on a pool port: flow tuples and Hubble flows whose times follow each
 * other within {@code activityGap}. Long-lived and low-rate (a miner's stratum session: a few hundred bytes of shares
 * every few seconds, for hours) is weak evidence on its own, stronger when the cluster resolved a pool name close in
 * time. Mutable; folded in window order only.
 */
final class PortActivity {
    Instant start;
    Instant last;
    long bytes;
    long tuples;
    String lookupName;
    Instant lookupTime;

    PortActivity(Instant start, Instant last, long bytes, long tuples) {
        this.start = start;
        this.last = last;
        this.bytes = bytes;
        this.tuples = tuples;
    }

    Duration duration() {
        return Duration.between(start, last);
    }

    /** Bytes per second over the activity (a zero-length activity counts as one second). */
    double bytesPerSecond() {
        return bytes / (double) Math.max(1, duration().toSeconds());
    }

    boolean longLivedLowRate(CryptominingSettings settings) {
        return duration().compareTo(settings.minPortActivity()) >= 0
                && bytesPerSecond() <= settings.maxPortBytesPerSecond();
    }

    boolean corroborated() {
        return lookupName != null;
    }

    void write(StateOutput out) {
        out.writeInstant(1, start).writeInstant(2, last).writeLong(3, bytes).writeLong(4, tuples)
                .writeString(5, lookupName).writeInstant(6, lookupTime);
    }

    static PortActivity read(StateInput in) {
        PortActivity a = new PortActivity(Instant.EPOCH, Instant.EPOCH, 0, 0);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> a.start = in.readInstant();
                case 2 -> a.last = in.readInstant();
                case 3 -> a.bytes = in.readLong();
                case 4 -> a.tuples = in.readLong();
                case 5 -> a.lookupName = in.readString();
                case 6 -> a.lookupTime = in.readInstant();
                default -> in.skip();
            }
        }
        return a;
    }
}
