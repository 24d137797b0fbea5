package io.outflow.enrichment.timeline;

import static io.outflow.enrichment.testing.Changes.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.enrichment.testing.Changes;
import io.outflow.enrichment.testing.Uids;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Changes arrive late, out of order and more than once: the timeline must not care. */
class ChangeOrderPropertyTest {
    private static final String C = "aks-shop";
    private static final List<String> ADDRESSES = List.of("10.244.1.17", "10.244.1.23", "10.244.1.40",
            "fd00:10:244:1::17", "10.224.0.5", "10.244.1.99");

    /** A morning of one node: IP reuse, a completed Job pod, an address change, a late ReplicaSet, a node. */
    static List<IdentityChange> scenario() {
        List<IdentityChange> changes = new ArrayList<>();
        Changes.PodBuilder a = pod(C, "shop", "checkout-7f9c6b5d8-x2k4p", Uids.of("a")).owner("ReplicaSet",
                "checkout-7f9c6b5d8").label("pod-template-hash", "7f9c6b5d8").created("2026-01-15T02:00:00Z")
                .onNode("aks-user-28764911-vmss000001", "10.224.0.5");
        changes.add(a.phase("Pending").version(10).transition("2026-01-15T02:00:00Z").build(ChangeType.ADDED));
        changes.add(a.phase("Running").started("2026-01-15T02:00:03Z").ips("10.244.1.17", "fd00:10:244:1::17")
                .version(12).transition("2026-01-15T02:00:05Z").build(ChangeType.MODIFIED));
        changes.add(a.deleted("2026-01-15T03:00:00Z", 30).version(40).transition("2026-01-15T03:00:00Z")
                .build(ChangeType.MODIFIED));
        changes.add(a.version(41).build(ChangeType.DELETED));

        Changes.PodBuilder job = pod(C, "shop", "nightly-report-29474040-q7wzn", Uids.of("job")).owner("Job",
                "nightly-report-29474040").created("2026-01-15T02:00:01Z").started("2026-01-15T02:00:02Z")
                .ips("10.244.1.23").onNode("aks-user-28764911-vmss000001", "10.224.0.5");
        changes.add(job.version(11).transition("2026-01-15T02:00:04Z").build(ChangeType.ADDED));
        changes.add(job.phase("Succeeded").finished("2026-01-15T02:04:10Z").version(20)
                .transition("2026-01-15T02:04:11Z").build(ChangeType.MODIFIED));
        changes.add(Changes.job(C, "shop", "nightly-report-29474040", "nightly-report", ChangeType.ADDED));

        Changes.PodBuilder b = pod(C, "shop", "checkout-7f9c6b5d8-m9tqs", Uids.of("b")).owner("ReplicaSet",
                "checkout-7f9c6b5d8").created("2026-01-15T02:05:00Z").started("2026-01-15T02:05:01Z")
                .onNode("aks-user-28764911-vmss000001", "10.224.0.5");
        changes.add(b.ips("10.244.1.23").version(21).transition("2026-01-15T02:05:03Z").build(ChangeType.ADDED));
        changes.add(b.ips("10.244.1.40").version(30).transition("2026-01-15T02:40:00Z").build(ChangeType.MODIFIED));
        changes.add(b.ips("10.244.1.40").version(31).transition("2026-01-15T02:41:00Z").build(ChangeType.MODIFIED));

        changes.add(pod(C, "batch", "miner-6b5d4c3f2-zz9kq", Uids.of("m")).owner("ReplicaSet", "miner-6b5d4c3f2")
                .created("2026-01-15T03:01:00Z").started("2026-01-15T03:01:02Z").ips("10.244.1.17")
                .version(50).transition("2026-01-15T03:01:04Z").build(ChangeType.ADDED));
        changes.add(Changes.replicaSet(C, "shop", "checkout-7f9c6b5d8", "checkout", ChangeType.ADDED));
        changes.add(Changes.node(C, "aks-user-28764911-vmss000001", "2026-01-10T00:00:00Z", List.of("10.224.0.5"),
                List.of("10.244.1.0/24"), ChangeType.ADDED));
        return changes;
    }

    static List<String> answers(IdentityTimeline timeline) {
        List<String> out = new ArrayList<>();
        for (String ip : ADDRESSES) {
            for (Instant t = Changes.at("2026-01-15T01:59:00Z"); t.isBefore(Changes.at("2026-01-15T03:10:00Z"));
                    t = t.plusSeconds(20)) {
                IdentityAnswer a = timeline.lookup(C, IpAddress.require(ip), t.toEpochMilli());
                out.add(ip + "@" + t + "=" + a + " " + a.workloadKind() + "/" + a.workload() + " "
                        + a.ownerInference());
            }
        }
        return out;
    }

    @Property(tries = 200)
    void anyOrderWithDuplicatesGivesTheSameAnswers(@ForAll("orders") List<Integer> order,
                                                  @ForAll("duplicates") List<Integer> repeated) {
        List<IdentityChange> changes = scenario();
        IdentityTimeline inOrder = new IdentityTimeline(IdentitySettings.DEFAULT);
        changes.forEach(inOrder::apply);

        IdentityTimeline shuffled = new IdentityTimeline(IdentitySettings.DEFAULT);
        for (int i : order) {
            shuffled.apply(scenario().get(i));
        }
        for (int i : repeated) {
            shuffled.apply(scenario().get(i));
        }
        assertThat(answers(shuffled)).isEqualTo(answers(inOrder));
        assertThat(shuffled.stats()).isEqualTo(inOrder.stats());
    }

    @Provide
    Arbitrary<List<Integer>> orders() {
        return Arbitraries.shuffle(IntStream.range(0, scenario().size()).boxed().toList());
    }

    @Provide
    Arbitrary<List<Integer>> duplicates() {
        return Arbitraries.integers().between(0, scenario().size() - 1).list().ofMaxSize(6);
    }

    @Property(tries = 1)
    void theScenarioItselfHasTheExpectedShape() {
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        scenario().forEach(timeline::apply);
        List<String> answers = answers(timeline);
        // the scenario exercises reuse, completion, address change and nodes: answers are not all alike
        assertThat(answers.stream().filter(s -> s.contains("=pod ")).count()).isGreaterThan(100);
        assertThat(answers.stream().filter(s -> s.contains("no-owner-at-time")).count()).isGreaterThan(20);
        assertThat(answers.stream().filter(s -> s.contains("=node ")).count()).isGreaterThan(100);
    }
}
