package io.outflow.enrichment.timeline;

import static io.outflow.enrichment.testing.Changes.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.enrichment.testing.Changes;
import io.outflow.enrichment.testing.Uids;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.net.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityTimelineTest {
    private static final String C = "aks-shop";
    private final IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);

    private IdentityAnswer at(String ip, String time) {
        return timeline.lookup(C, IpAddress.require(ip), Changes.at(time).toEpochMilli());
    }

    private Changes.PodBuilder checkout(String name) {
        return pod(C, "shop", name, Uids.of(name)).owner("ReplicaSet", "checkout-7f9c6b5d8")
                .label("pod-template-hash", "7f9c6b5d8").label("app", "checkout").serviceAccount("checkout")
                .onNode("aks-user-28764911-vmss000001", "10.224.0.5");
    }

    @Test
    void assignmentStartsAtStatusStartTimeNotAtCreation() {
        timeline.apply(checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17").build(ChangeType.ADDED));

        assertThat(at("10.244.1.17", "2026-01-15T02:00:03.999Z").reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        IdentityAnswer answer = at("10.244.1.17", "2026-01-15T02:00:04Z");
        assertThat(answer.attribution()).isEqualTo(Attribution.pod);
        assertThat(answer.pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(answer.from()).isEqualTo(Changes.at("2026-01-15T02:00:04Z"));
        assertThat(answer.to()).isNull();
        assertThat(answer.node()).isEqualTo("aks-user-28764911-vmss000001");
        assertThat(answer.serviceAccount()).isEqualTo("checkout");
        assertThat(answer.labels()).containsEntry("app", "checkout").doesNotContainKey("pod-template-hash");
    }

    @Test
    void withoutStartTimeTheCreationTimeStartsTheAssignment() {
        timeline.apply(checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z").started(null)
                .phase("Pending").ips("10.244.1.17").build(ChangeType.ADDED));

        assertThat(at("10.244.1.17", "2026-01-15T02:00:00Z").pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        // a later state with startTime moves the start to it
        timeline.apply(checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:05Z").ips("10.244.1.17").build(ChangeType.MODIFIED));
        assertThat(at("10.244.1.17", "2026-01-15T02:00:02Z").isKnown()).isFalse();
        assertThat(at("10.244.1.17", "2026-01-15T02:00:05Z").isKnown()).isTrue();
    }

    @Test
    void ipReusedByAnotherPodAnswersTheOwnerOfEachMoment() {
        Changes.PodBuilder first = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17");
        timeline.apply(first.build(ChangeType.ADDED));
        timeline.apply(first.deleted("2026-01-15T03:10:30Z", 30).build(ChangeType.MODIFIED));
        timeline.apply(checkout("checkout-7f9c6b5d8-m9tqs").created("2026-01-15T03:12:00Z")
                .started("2026-01-15T03:12:02Z").ips("10.244.1.17").build(ChangeType.ADDED));

        assertThat(at("10.244.1.17", "2026-01-15T03:10:59Z").pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        // deletionTimestamp + deletionGracePeriodSeconds
        assertThat(at("10.244.1.17", "2026-01-15T03:10:59Z").to()).isEqualTo(Changes.at("2026-01-15T03:11:00Z"));
        IdentityAnswer gap = at("10.244.1.17", "2026-01-15T03:11:30Z");
        assertThat(gap.reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        assertThat(gap.previous().pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(gap.next().pod()).isEqualTo("checkout-7f9c6b5d8-m9tqs");
        assertThat(at("10.244.1.17", "2026-01-15T03:12:02Z").pod()).isEqualTo("checkout-7f9c6b5d8-m9tqs");
    }

    @Test
    void jobPodThatCompletedKeepsItsIpInTheObjectButNotTheAddress() {
        Changes.PodBuilder report = pod(C, "shop", "nightly-report-29474040-q7wzn", Uids.of("report"))
                .owner("Job", "nightly-report-29474040").created("2026-01-15T02:00:01Z")
                .started("2026-01-15T02:00:02Z").ips("10.244.1.23").onNode("aks-user-28764911-vmss000001",
                        "10.224.0.5");
        timeline.apply(Changes.job(C, "shop", "nightly-report-29474040", "nightly-report", ChangeType.ADDED));
        timeline.apply(report.build(ChangeType.ADDED));
        timeline.apply(report.phase("Succeeded").finished("2026-01-15T02:04:10Z").transition("2026-01-15T02:04:11Z")
                .build(ChangeType.MODIFIED));
        timeline.apply(checkout("checkout-7f9c6b5d8-m9tqs").created("2026-01-15T02:05:00Z")
                .started("2026-01-15T02:05:01Z").ips("10.244.1.23").build(ChangeType.ADDED));

        IdentityAnswer during = at("10.244.1.23", "2026-01-15T02:04:09Z");
        assertThat(during.pod()).isEqualTo("nightly-report-29474040-q7wzn");
        assertThat(during.workloadKind()).isEqualTo("CronJob");
        assertThat(during.workload()).isEqualTo("nightly-report");
        assertThat(during.ownerInference()).isNull();
        assertThat(at("10.244.1.23", "2026-01-15T02:04:30Z").reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        IdentityAnswer after = at("10.244.1.23", "2026-01-15T02:05:01Z");
        assertThat(after.pod()).isEqualTo("checkout-7f9c6b5d8-m9tqs");
        // no ReplicaSet object in this history: the Deployment comes from the pod-template-hash label, and says so
        assertThat(after.workloadKind()).isEqualTo("Deployment");
        assertThat(after.workload()).isEqualTo("checkout");
        assertThat(after.ownerInference()).isEqualTo("pod-template-hash");
    }

    @Test
    void startOfAnotherOwnerEndsTheOneWhoseEndWasNeverSeen() {
        timeline.apply(checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17").build(ChangeType.ADDED));
        timeline.apply(pod(C, "batch", "miner-6b5d4c3f2-zz9kq", Uids.of("miner")).owner("ReplicaSet",
                "miner-6b5d4c3f2").created("2026-01-15T05:00:00Z").started("2026-01-15T05:00:01Z")
                .ips("10.244.1.17").build(ChangeType.ADDED));

        IdentityAnswer before = at("10.244.1.17", "2026-01-15T05:00:00Z");
        assertThat(before.pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(before.to()).isEqualTo(Changes.at("2026-01-15T05:00:01Z"));
        assertThat(at("10.244.1.17", "2026-01-15T05:00:01Z").namespace()).isEqualTo("batch");
    }

    @Test
    void podIpChangeTakesTheLatestConditionTransition() {
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z");
        timeline.apply(p.ips("10.244.1.17").transition("2026-01-15T02:00:06Z").version(100)
                .build(ChangeType.MODIFIED));
        // the sandbox was recreated after a node reboot: a new address, conditions moved with it
        timeline.apply(p.ips("10.244.1.40").transition("2026-01-15T04:30:00Z").version(900)
                .build(ChangeType.MODIFIED));

        assertThat(at("10.244.1.17", "2026-01-15T04:29:59Z").pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(at("10.244.1.17", "2026-01-15T04:30:00Z").isKnown()).isFalse();
        assertThat(at("10.244.1.40", "2026-01-15T04:29:59Z").isKnown()).isFalse();
        assertThat(at("10.244.1.40", "2026-01-15T04:30:00Z").pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(at("10.244.1.40", "2026-01-15T04:30:00Z").from()).isEqualTo(Changes.at("2026-01-15T04:30:00Z"));
    }

    @Test
    void podIpChangeSeenInReverseOrderGivesTheSameAnswers() {
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z");
        timeline.apply(p.ips("10.244.1.40").transition("2026-01-15T04:30:00Z").version(900)
                .build(ChangeType.MODIFIED));
        timeline.apply(p.ips("10.244.1.17").transition("2026-01-15T02:00:06Z").version(100)
                .build(ChangeType.MODIFIED));

        assertThat(at("10.244.1.17", "2026-01-15T03:00:00Z").pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(at("10.244.1.17", "2026-01-15T04:30:00Z").isKnown()).isFalse();
        assertThat(at("10.244.1.40", "2026-01-15T04:30:00Z").isKnown()).isTrue();
        assertThat(at("10.244.1.40", "2026-01-15T03:00:00Z").isKnown()).isFalse();
    }

    @Test
    void podThatNeverGotAnIpOwnsNoAddress() {
        Changes.PodBuilder pending = checkout("checkout-7f9c6b5d8-pend1").created("2026-01-15T02:00:00Z")
                .started(null).phase("Pending").onNode(null, null); // unschedulable: no node, no address
        timeline.apply(pending.build(ChangeType.ADDED));
        timeline.apply(pending.deleted("2026-01-15T02:03:00Z", 0).build(ChangeType.DELETED));

        assertThat(timeline.stats().addresses()).isZero();
        assertThat(at("10.244.1.99", "2026-01-15T02:01:00Z").reason()).isEqualTo(UnknownReason.OUTSIDE_KNOWN_RANGES);
    }

    @Test
    void dualStackPodAnswersForBothAddressesAndAnyIpv6Spelling() {
        timeline.apply(pod(C, "shop", "ledger-0", Uids.of("ledger-0")).owner("StatefulSet", "ledger")
                .created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:03Z")
                .ips("10.244.1.31", "fd00:10:244:1::1f").build(ChangeType.ADDED));

        assertThat(at("10.244.1.31", "2026-01-15T02:10:00Z").workloadKind()).isEqualTo("StatefulSet");
        assertThat(at("fd00:10:244:1::1f", "2026-01-15T02:10:00Z").workload()).isEqualTo("ledger");
        assertThat(at("FD00:0010:0244:0001:0000:0000:0000:001F", "2026-01-15T02:10:00Z").pod()).isEqualTo("ledger-0");
        assertThat(at("fd00:10:244:1::20", "2026-01-15T02:10:00Z").isKnown()).isFalse();
    }

    @Test
    void ipv6OnlyPodEndsLikeAnyOther() {
        Changes.PodBuilder p = pod(C, "shop", "edge-proxy-4k2j9", Uids.of("edge")).owner("DaemonSet", "edge-proxy")
                .created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:01Z").ips("2001:db8:a5::a");
        timeline.apply(p.build(ChangeType.ADDED));
        timeline.apply(p.deleted("2026-01-15T02:30:00Z", 10).build(ChangeType.DELETED));

        assertThat(at("2001:db8:a5::a", "2026-01-15T02:30:09Z").workloadKind()).isEqualTo("DaemonSet");
        assertThat(at("2001:db8:a5::a", "2026-01-15T02:30:10Z").isKnown()).isFalse();
    }

    @Test
    void hostNetworkPodsAreAttributedToTheirNodeNeverToThePod() {
        timeline.apply(pod(C, "kube-system", "kube-proxy-8xk2d", Uids.of("kube-proxy")).owner("DaemonSet",
                "kube-proxy").hostNetwork().created("2026-01-15T01:00:00Z").started("2026-01-15T01:00:01Z")
                .ips("10.224.0.5").onNode("aks-user-28764911-vmss000001", "10.224.0.5").build(ChangeType.ADDED));

        IdentityAnswer answer = at("10.224.0.5", "2026-01-15T02:00:00Z");
        assertThat(answer.attribution()).isEqualTo(Attribution.node);
        assertThat(answer.node()).isEqualTo("aks-user-28764911-vmss000001");
        assertThat(answer.pod()).isNull();
        assertThat(answer.workload()).isNull();
    }

    @Test
    void podWhoseIpEqualsItsHostIpIsTakenAsHostNetworkEvenWithoutTheFlag() {
        timeline.apply(pod(C, "kube-system", "azure-cns-7bq2x", Uids.of("cns")).owner("DaemonSet", "azure-cns")
                .created("2026-01-15T01:00:00Z").started("2026-01-15T01:00:01Z").ips("10.224.0.4")
                .onNode("aks-system-28764911-vmss000000", "10.224.0.4").build(ChangeType.ADDED));

        assertThat(at("10.224.0.4", "2026-01-15T02:00:00Z").attribution()).isEqualTo(Attribution.node);
    }

    @Test
    void nodeAddressesComeFromNodeObjectsAndEndWithTheNode() {
        timeline.apply(Changes.node(C, "aks-user-28764911-vmss000001", "2026-01-10T00:00:00Z",
                List.of("10.224.0.5"), List.of("10.244.1.0/24"), ChangeType.ADDED));
        IdentityChange deleted = Changes.node(C, "aks-user-28764911-vmss000001", "2026-01-10T00:00:00Z",
                List.of("10.224.0.5"), List.of("10.244.1.0/24"), ChangeType.DELETED);
        deleted.setObservedAt(Changes.at("2026-01-16T00:00:00Z"));
        timeline.apply(deleted);

        IdentityAnswer answer = at("10.224.0.5", "2026-01-12T00:00:00Z");
        assertThat(answer.attribution()).isEqualTo(Attribution.node);
        assertThat(answer.from()).isEqualTo(Changes.at("2026-01-10T00:00:00Z"));
        assertThat(answer.to()).isEqualTo(Changes.at("2026-01-16T00:00:00Z"));
        assertThat(at("10.224.0.5", "2026-01-16T00:00:00Z").reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        // the node's pod range makes its addresses known, even those nobody held
        assertThat(at("10.244.1.200", "2026-01-12T00:00:00Z").reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
    }

    @Test
    void podsHostIpMakesTheNodeKnownWithoutANodeObject() {
        timeline.apply(checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17").build(ChangeType.ADDED));

        IdentityAnswer answer = at("10.224.0.5", "2026-01-15T02:30:00Z");
        assertThat(answer.attribution()).isEqualTo(Attribution.node);
        assertThat(answer.node()).isEqualTo("aks-user-28764911-vmss000001");
        assertThat(answer.from()).isEqualTo(Changes.at("2026-01-15T02:00:04Z"));
    }

    @Test
    void deletedEventWithoutDeletionTimestampEndsWhenTheSourceSawIt() {
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17");
        timeline.apply(p.build(ChangeType.ADDED));
        timeline.apply(p.observed("2026-01-15T06:00:00Z").build(ChangeType.DELETED));

        assertThat(at("10.244.1.17", "2026-01-15T05:59:59Z").isKnown()).isTrue();
        assertThat(at("10.244.1.17", "2026-01-15T06:00:00Z").isKnown()).isFalse();
    }

    @Test
    void failedPodWithoutContainerFinishEndsAtItsLastTransition() {
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-evict").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.50");
        timeline.apply(p.build(ChangeType.ADDED));
        timeline.apply(p.phase("Failed").transition("2026-01-15T02:20:00Z").build(ChangeType.MODIFIED));

        assertThat(at("10.244.1.50", "2026-01-15T02:19:59Z").isKnown()).isTrue();
        assertThat(at("10.244.1.50", "2026-01-15T02:20:00Z").isKnown()).isFalse();
    }

    @Test
    void duplicateChangesChangeNothing() {
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17");
        timeline.apply(p.build(ChangeType.ADDED));
        TimelineStats once = timeline.stats();
        IdentityAnswer before = at("10.244.1.17", "2026-01-15T03:00:00Z");
        timeline.apply(p.build(ChangeType.ADDED));
        timeline.apply(p.build(ChangeType.ADDED));

        assertThat(timeline.stats()).isEqualTo(once);
        assertThat(at("10.244.1.17", "2026-01-15T03:00:00Z").toIdentity()).isEqualTo(before.toIdentity());
    }

    @Test
    void twoClustersHoldingTheSameAddressNeverMix() {
        timeline.apply(pod("aks-a", "shop", "checkout-7f9c6b5d8-x2k4p", Uids.of("a")).owner("ReplicaSet",
                "checkout-7f9c6b5d8").created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:01Z")
                .ips("10.244.1.17").build(ChangeType.ADDED));
        timeline.apply(pod("aks-b", "ml", "trainer-0", Uids.of("b")).owner("StatefulSet", "trainer")
                .created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:01Z").ips("10.244.1.17")
                .build(ChangeType.ADDED));

        long t = Changes.at("2026-01-15T03:00:00Z").toEpochMilli();
        IpAddress ip = IpAddress.require("10.244.1.17");
        assertThat(timeline.lookup("aks-a", ip, t).pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(timeline.lookup("aks-b", ip, t).pod()).isEqualTo("trainer-0");
        assertThat(timeline.lookup("aks-a", ip, t).cluster()).isEqualTo("aks-a");
        assertThat(timeline.lookup("aks-c", ip, t).reason()).isEqualTo(UnknownReason.OUTSIDE_KNOWN_RANGES);
    }

    @Test
    void podsOfOneWorkloadShareOneShape() {
        for (int i = 0; i < 50; i++) {
            timeline.apply(checkout("checkout-7f9c6b5d8-p" + i).created("2026-01-15T02:00:00Z")
                    .started("2026-01-15T02:00:04Z").ips("10.244.2." + i).build(ChangeType.ADDED));
        }
        TimelineStats stats = timeline.stats();
        assertThat(stats.livePods()).isEqualTo(50);
        assertThat(stats.shapes()).isEqualTo(1);
        assertThat(at("10.244.2.7", "2026-01-15T03:00:00Z").pod()).isEqualTo("checkout-7f9c6b5d8-p7");
    }

    @Test
    void identityRecordCarriesEveryField() {
        timeline.apply(Changes.replicaSet(C, "shop", "checkout-7f9c6b5d8", "checkout", ChangeType.ADDED));
        Changes.PodBuilder p = checkout("checkout-7f9c6b5d8-x2k4p").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17");
        timeline.apply(p.build(ChangeType.ADDED));
        timeline.apply(p.deleted("2026-01-15T03:00:00Z", 30).build(ChangeType.DELETED));

        WorkloadIdentity identity = at("10.244.1.17", "2026-01-15T02:30:00Z").toIdentity();
        assertThat(identity.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(identity.getAttributionReason()).isNull();
        assertThat(identity.getCluster()).isEqualTo(C);
        assertThat(identity.getNamespace()).isEqualTo("shop");
        assertThat(identity.getPod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(identity.getPodUid()).isEqualTo(Uids.of("checkout-7f9c6b5d8-x2k4p"));
        assertThat(identity.getWorkloadKind()).isEqualTo("Deployment");
        assertThat(identity.getWorkload()).isEqualTo("checkout");
        assertThat(identity.getServiceAccount()).isEqualTo("checkout");
        assertThat(identity.getNode()).isEqualTo("aks-user-28764911-vmss000001");
        assertThat(identity.getLabels()).containsExactlyEntriesOf(java.util.Map.of("app", "checkout"));
        assertThat(identity.getValidFrom()).isEqualTo(Changes.at("2026-01-15T02:00:04Z"));
        assertThat(identity.getValidTo()).isEqualTo(Changes.at("2026-01-15T03:00:30Z"));
        assertThat(identity.getCandidates()).isEmpty();
    }

    @Test
    void configuredLabelsAreTheOnlyOnesKept() {
        IdentityTimeline custom = new IdentityTimeline(new IdentitySettings(Duration.ofHours(1), List.of("team")));
        custom.apply(checkout("checkout-7f9c6b5d8-x2k4p").label("team", "payments").created("2026-01-15T02:00:00Z")
                .started("2026-01-15T02:00:04Z").ips("10.244.1.17").build(ChangeType.ADDED));

        IdentityAnswer answer = custom.lookup(C, IpAddress.require("10.244.1.17"),
                Changes.at("2026-01-15T02:10:00Z").toEpochMilli());
        assertThat(answer.labels()).containsExactlyEntriesOf(java.util.Map.of("team", "payments"));
    }
}
