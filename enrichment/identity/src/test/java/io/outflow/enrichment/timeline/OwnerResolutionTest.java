package io.outflow.enrichment.timeline;

import static io.outflow.enrichment.testing.Changes.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.enrichment.testing.Changes;
import io.outflow.enrichment.testing.Uids;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.OwnerRef;
import io.outflow.schemas.net.IpAddress;
import org.junit.jupiter.api.Test;

class OwnerResolutionTest {
    private static final String C = "aks-shop";
    private final IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);

    private IdentityAnswer startPod(String name, String ownerKind, String ownerName, String ip, String created) {
        Changes.PodBuilder p = pod(C, "shop", name, Uids.of(name)).created(created).started(created).ips(ip);
        if (ownerKind != null) {
            p.owner(ownerKind, ownerName);
        }
        if ("ReplicaSet".equals(ownerKind) && ownerName.lastIndexOf('-') > 0) {
            p.label("pod-template-hash", ownerName.substring(ownerName.lastIndexOf('-') + 1));
        }
        timeline.apply(p.build(ChangeType.ADDED));
        return answer(ip, created);
    }

    private IdentityAnswer answer(String ip, String time) {
        return timeline.lookup(C, IpAddress.require(ip), Changes.at(time).toEpochMilli());
    }

    @Test
    void podOfAReplicaSetBelongsToItsDeployment() {
        timeline.apply(Changes.replicaSet(C, "shop", "checkout-7f9c6b5d8", "checkout", ChangeType.ADDED));
        IdentityAnswer a = startPod("checkout-7f9c6b5d8-x2k4p", "ReplicaSet", "checkout-7f9c6b5d8", "10.244.1.17",
                "2026-01-15T02:00:00Z");

        assertThat(a.workloadKind()).isEqualTo("Deployment");
        assertThat(a.workload()).isEqualTo("checkout");
        assertThat(a.ownerInference()).isNull();
    }

    @Test
    void replicaSetArrivingAfterItsPodsResolvesThemAll() {
        timeline.apply(pod(C, "shop", "api-5d4f8c7b9-hx8vt", Uids.of("1")).owner("ReplicaSet", "api-5d4f8c7b9")
                .created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:01Z").ips("10.244.1.5")
                .build(ChangeType.ADDED));
        // no pod-template-hash label and no ReplicaSet yet: the owner reference is all there is
        assertThat(answer("10.244.1.5", "2026-01-15T02:10:00Z").workloadKind()).isEqualTo("ReplicaSet");
        assertThat(answer("10.244.1.5", "2026-01-15T02:10:00Z").ownerInference()).isEqualTo("owner-reference-only");

        // the ReplicaSet is owned by an Argo Rollout, not a Deployment
        IdentityChange rs = Changes.replicaSet(C, "shop", "api-5d4f8c7b9", null, ChangeType.ADDED);
        rs.setOwner(new OwnerRef("Rollout", "api", null));
        timeline.apply(rs);

        IdentityAnswer a = answer("10.244.1.5", "2026-01-15T02:10:00Z");
        assertThat(a.workloadKind()).isEqualTo("Rollout");
        assertThat(a.workload()).isEqualTo("api");
        assertThat(a.ownerInference()).isNull();
    }

    @Test
    void replicaSetWithoutOwnerIsTheWorkload() {
        timeline.apply(Changes.replicaSet(C, "shop", "standalone-rs", null, ChangeType.ADDED));
        IdentityAnswer a = startPod("standalone-rs-7qz2m", "ReplicaSet", "standalone-rs", "10.244.1.6",
                "2026-01-15T02:00:00Z");

        assertThat(a.workloadKind()).isEqualTo("ReplicaSet");
        assertThat(a.workload()).isEqualTo("standalone-rs");
    }

    @Test
    void unknownReplicaSetFallsBackToThePodTemplateHashAndSaysSo() {
        IdentityAnswer a = startPod("legacy-api-5d4f8c7b9-hx8vt", "ReplicaSet", "legacy-api-5d4f8c7b9",
                "10.244.1.7", "2026-01-15T02:00:00Z");

        assertThat(a.workloadKind()).isEqualTo("Deployment");
        assertThat(a.workload()).isEqualTo("legacy-api");
        assertThat(a.ownerInference()).isEqualTo("pod-template-hash");
        assertThat(a.toIdentity().getOwnerInference()).isEqualTo("pod-template-hash");
    }

    @Test
    void hashLabelThatIsNotTheReplicaSetsSuffixIsNotTrusted() {
        timeline.apply(pod(C, "shop", "odd-abc12", Uids.of("odd")).owner("ReplicaSet", "odd-rs-name")
                .label("pod-template-hash", "abc12").created("2026-01-15T02:00:00Z").started("2026-01-15T02:00:00Z")
                .ips("10.244.1.8").build(ChangeType.ADDED));

        IdentityAnswer a = answer("10.244.1.8", "2026-01-15T02:00:00Z");
        assertThat(a.workloadKind()).isEqualTo("ReplicaSet");
        assertThat(a.workload()).isEqualTo("odd-rs-name");
        assertThat(a.ownerInference()).isEqualTo("owner-reference-only");
    }

    @Test
    void jobOfACronJobBelongsToTheCronJob() {
        timeline.apply(Changes.job(C, "shop", "nightly-report-29474040", "nightly-report", ChangeType.ADDED));
        IdentityAnswer a = startPod("nightly-report-29474040-q7wzn", "Job", "nightly-report-29474040", "10.244.1.9",
                "2026-01-15T02:00:01Z");

        assertThat(a.workloadKind()).isEqualTo("CronJob");
        assertThat(a.workload()).isEqualTo("nightly-report");
        assertThat(a.ownerInference()).isNull();
    }

    @Test
    void jobWithoutCronJobIsTheWorkload() {
        timeline.apply(Changes.job(C, "shop", "db-migrate-v42", null, ChangeType.ADDED));
        IdentityAnswer a = startPod("db-migrate-v42-4bx8k", "Job", "db-migrate-v42", "10.244.1.10",
                "2026-01-15T02:00:00Z");

        assertThat(a.workloadKind()).isEqualTo("Job");
        assertThat(a.workload()).isEqualTo("db-migrate-v42");
    }

    @Test
    void unknownJobNamedByItsScheduledMinuteIsInferredToBeACronJobs() {
        // 29474040 minutes after the epoch is 2026-01-15T02:00:00Z, a minute before the pod
        IdentityAnswer a = startPod("nightly-report-29474040-q7wzn", "Job", "nightly-report-29474040",
                "10.244.1.11", "2026-01-15T02:00:01Z");

        assertThat(a.workloadKind()).isEqualTo("CronJob");
        assertThat(a.workload()).isEqualTo("nightly-report");
        assertThat(a.ownerInference()).isEqualTo("cronjob-schedule-suffix");
    }

    @Test
    void unknownJobWhoseSuffixIsNoPlausibleScheduleStaysAJob() {
        IdentityAnswer a = startPod("backup-20240101-9xk2p", "Job", "backup-20240101", "10.244.1.12",
                "2026-01-15T02:00:01Z");

        assertThat(a.workloadKind()).isEqualTo("Job");
        assertThat(a.workload()).isEqualTo("backup-20240101");
        assertThat(a.ownerInference()).isEqualTo("owner-reference-only");
    }

    @Test
    void statefulSetDaemonSetAndBarePods() {
        assertThat(startPod("ledger-0", "StatefulSet", "ledger", "10.244.1.13", "2026-01-15T02:00:00Z")
                .workloadKind()).isEqualTo("StatefulSet");
        IdentityAnswer ds = startPod("node-exporter-x8k2v", "DaemonSet", "node-exporter", "10.244.1.14",
                "2026-01-15T02:00:00Z");
        assertThat(ds.workloadKind()).isEqualTo("DaemonSet");
        assertThat(ds.workload()).isEqualTo("node-exporter");
        assertThat(ds.ownerInference()).isNull();

        IdentityAnswer bare = startPod("debug-shell", null, null, "10.244.1.15", "2026-01-15T02:00:00Z");
        assertThat(bare.workloadKind()).isEqualTo("Pod");
        assertThat(bare.workload()).isEqualTo("debug-shell");
        assertThat(bare.ownerInference()).isNull();
    }

    @Test
    void podNamesAreRebuiltFromTheSharedPrefix() {
        startPod("ledger-0", "StatefulSet", "ledger", "10.244.1.13", "2026-01-15T02:00:00Z");
        startPod("ledger-1", "StatefulSet", "ledger", "10.244.1.16", "2026-01-15T02:00:00Z");
        // a pod whose name does not start with its owner's keeps its whole name
        startPod("renamed-pod", "StatefulSet", "ledger", "10.244.1.18", "2026-01-15T02:00:00Z");

        assertThat(answer("10.244.1.13", "2026-01-15T02:00:00Z").pod()).isEqualTo("ledger-0");
        assertThat(answer("10.244.1.16", "2026-01-15T02:00:00Z").pod()).isEqualTo("ledger-1");
        assertThat(answer("10.244.1.18", "2026-01-15T02:00:00Z").pod()).isEqualTo("renamed-pod");
    }
}
