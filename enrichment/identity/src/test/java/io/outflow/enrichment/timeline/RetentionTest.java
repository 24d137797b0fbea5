package io.outflow.enrichment.timeline;

import static io.outflow.enrichment.testing.Changes.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.enrichment.testing.Changes;
import io.outflow.enrichment.testing.Uids;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final String C = "aks-shop";
    private static final IdentitySettings ONE_HOUR = new IdentitySettings(Duration.ofHours(1), List.of("app"));

    private static void shortLivedPods(IdentityTimeline timeline) {
        // pod i holds 10.244.1.<i> for 10 minutes starting at 02:00 + i * 10 min, then is deleted
        for (int i = 0; i < 30; i++) {
            Instant start = Changes.at("2026-01-15T02:00:00Z").plus(Duration.ofMinutes(10L * i));
            Changes.PodBuilder p = pod(C, "shop", "worker-6c5d4b3a2-p" + i, Uids.of("w" + i))
                    .owner("ReplicaSet", "worker-6c5d4b3a2").created(start.toString()).started(start.toString())
                    .ips("10.244.1." + i);
            timeline.apply(p.build(ChangeType.ADDED));
            timeline.apply(p.deleted(start.plus(Duration.ofMinutes(10)).toString(), 0).build(ChangeType.DELETED));
        }
    }

    private static IdentityAnswer at(IdentityTimeline timeline, String ip, String time) {
        return timeline.lookup(C, IpAddress.require(ip), Changes.at(time).toEpochMilli());
    }

    @Test
    void endedAssignmentsAreAnsweredWithinRetentionAndExpiredBeyond() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        shortLivedPods(timeline);
        // the watermark reaches 05:00: the horizon is 04:00
        timeline.advance(Changes.at("2026-01-15T05:00:00Z").toEpochMilli());

        // pod 12 held 10.244.1.12 over [04:00, 04:10): still answered
        assertThat(at(timeline, "10.244.1.12", "2026-01-15T04:05:00Z").pod()).isEqualTo("worker-6c5d4b3a2-p12");
        // pod 3 ended at 02:40, before the horizon: expired, not a guess
        assertThat(at(timeline, "10.244.1.3", "2026-01-15T02:35:00Z").reason()).isEqualTo(UnknownReason.EXPIRED);
        // before the horizon, no lookup can tell "nobody" from "forgotten"
        assertThat(at(timeline, "10.244.1.12", "2026-01-15T03:00:00Z").reason()).isEqualTo(UnknownReason.EXPIRED);
        // after it, the absence of an owner is a fact
        assertThat(at(timeline, "10.244.1.12", "2026-01-15T04:30:00Z").reason())
                .isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
    }

    @Test
    void aCurrentAssignmentAnswersForItsWholeSpanWhateverTheWatermark() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        timeline.apply(pod(C, "shop", "ledger-0", Uids.of("ledger-0")).owner("StatefulSet", "ledger")
                .created("2026-01-10T00:00:00Z").started("2026-01-10T00:00:01Z").ips("10.244.1.31")
                .build(ChangeType.ADDED));
        timeline.advance(Changes.at("2026-01-15T05:00:00Z").toEpochMilli());
        timeline.sweepNow();

        assertThat(at(timeline, "10.244.1.31", "2026-01-11T00:00:00Z").pod()).isEqualTo("ledger-0");
        assertThat(timeline.stats().livePods()).isEqualTo(1);
    }

    @Test
    void answersDoNotDependOnWhenMemoryIsFreed() {
        IdentityTimeline stepwise = new IdentityTimeline(ONE_HOUR);
        IdentityTimeline jump = new IdentityTimeline(ONE_HOUR);
        shortLivedPods(stepwise);
        shortLivedPods(jump);
        for (Instant w = Changes.at("2026-01-15T02:00:00Z"); !w.isAfter(Changes.at("2026-01-15T06:00:00Z"));
                w = w.plusSeconds(60)) {
            stepwise.advance(w.toEpochMilli());
        }
        jump.advance(Changes.at("2026-01-15T06:00:00Z").toEpochMilli()); // one sweep at most

        assertThat(answers(stepwise)).isEqualTo(answers(jump));
        jump.sweepNow();
        assertThat(answers(jump)).isEqualTo(answers(stepwise));
    }

    @Test
    void sweepingFreesWhatRetentionNoLongerCovers() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        shortLivedPods(timeline);
        assertThat(timeline.stats().endedPods()).isEqualTo(30);

        timeline.advance(Changes.at("2026-01-15T07:10:00Z").toEpochMilli()); // horizon 06:10
        timeline.sweepNow();

        // pods 0..23 ended before 06:10; pod 24 ended at 06:10 exactly and is kept with the five after it
        assertThat(timeline.stats().endedPods()).isEqualTo(6);
        assertThat(timeline.stats().shapes()).isEqualTo(1);
        timeline.advance(Changes.at("2026-01-15T09:00:00Z").toEpochMilli());
        timeline.sweepNow();
        TimelineStats empty = timeline.stats();
        assertThat(empty.endedPods()).isZero();
        assertThat(empty.shapes()).isZero();
        assertThat(empty.owners()).isZero();
    }

    @Test
    void aLateChangeForAnAssignmentBeyondRetentionIsNotKept() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        timeline.advance(Changes.at("2026-01-15T10:00:00Z").toEpochMilli());
        Changes.PodBuilder p = pod(C, "shop", "old-pod", Uids.of("old")).created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:00Z").ips("10.244.1.77").deleted("2026-01-15T03:00:00Z", 30);
        timeline.apply(p.build(ChangeType.DELETED));

        assertThat(timeline.stats().endedPods()).isZero();
        assertThat(at(timeline, "10.244.1.77", "2026-01-15T02:30:00Z").reason()).isIn(UnknownReason.EXPIRED,
                UnknownReason.OUTSIDE_KNOWN_RANGES);
    }

    @Test
    void spansPinnedByHistoryFilesNeverExpire() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        shortLivedPods(timeline);
        timeline.pin(C, Changes.at("2026-01-15T02:00:00Z").toEpochMilli(),
                Changes.at("2026-01-15T07:00:00Z").toEpochMilli());
        timeline.advance(Changes.at("2026-01-16T00:00:00Z").toEpochMilli());
        timeline.sweepNow();

        assertThat(at(timeline, "10.244.1.3", "2026-01-15T02:35:00Z").pod()).isEqualTo("worker-6c5d4b3a2-p3");
        assertThat(at(timeline, "10.244.1.3", "2026-01-15T02:45:00Z").reason())
                .isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        // outside the files' span the horizon applies again
        assertThat(at(timeline, "10.244.1.3", "2026-01-15T01:00:00Z").reason()).isEqualTo(UnknownReason.EXPIRED);
    }

    @Test
    void theHorizonNeverMovesBack() {
        IdentityTimeline timeline = new IdentityTimeline(ONE_HOUR);
        timeline.advance(Changes.at("2026-01-15T05:00:00Z").toEpochMilli());
        timeline.advance(Changes.at("2026-01-15T03:00:00Z").toEpochMilli());
        assertThat(timeline.horizon()).isEqualTo(Changes.at("2026-01-15T04:00:00Z").toEpochMilli());
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> new IdentitySettings(Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> answers(IdentityTimeline timeline) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            for (Instant t = Changes.at("2026-01-15T01:55:00Z"); t.isBefore(Changes.at("2026-01-15T07:10:00Z"));
                    t = t.plusSeconds(150)) {
                IdentityAnswer a = timeline.lookup(C, IpAddress.require("10.244.1." + i), t.toEpochMilli());
                out.add(i + "@" + t + "=" + a);
            }
        }
        return out;
    }
}
