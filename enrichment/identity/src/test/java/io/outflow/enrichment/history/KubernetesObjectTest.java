package io.outflow.enrichment.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesObjectTest {
    private static IdentityChange convert(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return KubernetesObject.read(p).toChange("aks-shop", ChangeType.MODIFIED, null);
        }
    }

    @Test
    void completedPodKeepsPodIpAndGetsTheLatestContainerFinish() throws IOException {
        IdentityChange c = convert("""
                {"status":{"phase":"Succeeded","podIP":"10.244.1.23","podIPs":[{"ip":"10.244.1.23"}],
                  "hostIP":"10.224.0.5","startTime":"2026-01-15T02:00:02Z",
                  "conditions":[{"type":"Ready","lastTransitionTime":"2026-01-15T02:04:11Z"},
                                {"type":"PodScheduled","lastTransitionTime":"2026-01-15T02:00:01Z"}],
                  "containerStatuses":[
                    {"name":"report","state":{"terminated":{"exitCode":0,"finishedAt":"2026-01-15T02:04:10Z"}}},
                    {"name":"sidecar","state":{"terminated":{"exitCode":0,"finishedAt":"2026-01-15T02:03:59.250Z"}}}]},
                 "spec":{"nodeName":"aks-user-28764911-vmss000001","serviceAccountName":"reporting",
                         "containers":[{"name":"report","image":"r:1"}]},
                 "kind":"Pod","apiVersion":"v1",
                 "metadata":{"name":"nightly-report-29474040-q7wzn","namespace":"shop","uid":"u-1",
                   "resourceVersion":"48213210","creationTimestamp":"2026-01-15T02:00:01Z",
                   "labels":{"job-name":"nightly-report-29474040"},
                   "ownerReferences":[{"kind":"Job","name":"nightly-report-29474040","uid":"j-1","controller":true}],
                   "managedFields":[{"manager":"kube-controller-manager","fieldsV1":{"f:metadata":{}}}]}}
                """);

        assertThat(c.getObjectKind()).isEqualTo(ObjectKind.POD);
        assertThat(c.getName()).isEqualTo("nightly-report-29474040-q7wzn");
        assertThat(c.getResourceVersion()).isEqualTo("48213210");
        assertThat(c.getOwner().getKind()).isEqualTo("Job");
        assertThat(c.getOwner().getUid()).isEqualTo("j-1");
        assertThat(c.getPod().getIps()).containsExactly("10.244.1.23");
        assertThat(c.getPod().getHostIp()).isEqualTo("10.224.0.5");
        assertThat(c.getPod().getServiceAccount()).isEqualTo("reporting");
        assertThat(c.getPod().getStartTime()).isEqualTo(Instant.parse("2026-01-15T02:00:02Z"));
        assertThat(c.getPod().getFinishedAt()).isEqualTo(Instant.parse("2026-01-15T02:04:10Z"));
        assertThat(c.getPod().getLastTransitionTime()).isEqualTo(Instant.parse("2026-01-15T02:04:11Z"));
        assertThat(c.getObservedAt()).isNull();
    }

    @Test
    void runningPodCarriesNoFinishEvenWithATerminatedContainer() throws IOException {
        IdentityChange c = convert("""
                {"kind":"Pod","metadata":{"name":"p","namespace":"n"},
                 "status":{"phase":"Running","podIP":"10.244.1.5",
                   "containerStatuses":[{"state":{"terminated":{"finishedAt":"2026-01-15T02:04:10Z"}}}]}}
                """);
        assertThat(c.getPod().getFinishedAt()).isNull();
    }

    @Test
    void dualStackAddressesComeFromPodIpsInCanonicalForm() throws IOException {
        IdentityChange c = convert("""
                {"kind":"Pod","metadata":{"name":"ledger-0","namespace":"shop"},
                 "status":{"podIP":"10.244.1.31","podIPs":[{"ip":"10.244.1.31"},{"ip":"FD00:10:244:1:0:0:0:1F"}]}}
                """);
        assertThat(c.getPod().getIps()).containsExactly("10.244.1.31", "fd00:10:244:1::1f");
    }

    @Test
    void deletionCarriesItsGracePeriodAndHostNetworkItsFlag() throws IOException {
        IdentityChange c = convert("""
                {"kind":"Pod","metadata":{"name":"kube-proxy-8xk2d","namespace":"kube-system",
                   "deletionTimestamp":"2026-01-15T03:00:30Z","deletionGracePeriodSeconds":30,
                   "ownerReferences":[{"kind":"Node","name":"n0"},{"kind":"DaemonSet","name":"kube-proxy","controller":true}]},
                 "spec":{"hostNetwork":true,"serviceAccount":"kube-proxy"},
                 "status":{"podIP":"10.224.0.5","hostIP":"10.224.0.5"}}
                """);
        assertThat(c.getDeletionTime()).isEqualTo(Instant.parse("2026-01-15T03:00:30Z"));
        assertThat(c.getDeletionGracePeriodSeconds()).isEqualTo(30L);
        assertThat(c.getPod().getHostNetwork()).isTrue();
        assertThat(c.getPod().getServiceAccount()).isEqualTo("kube-proxy");
        // the controller reference wins over the first one
        assertThat(c.getOwner().getKind()).isEqualTo("DaemonSet");
    }

    @Test
    void nodeKeepsItsInternalAndExternalAddressesAndPodRanges() throws IOException {
        IdentityChange c = convert("""
                {"kind":"Node","metadata":{"name":"aks-user-28764911-vmss000001","resourceVersion":"7"},
                 "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24","fd00:10:244:1::/64"]},
                 "status":{"addresses":[{"type":"InternalIP","address":"10.224.0.5"},
                   {"type":"Hostname","address":"aks-user-28764911-vmss000001"},
                   {"type":"ExternalIP","address":"20.50.1.2"},{"type":"InternalIP","address":"fd00::5"}]}}
                """);
        assertThat(c.getObjectKind()).isEqualTo(ObjectKind.NODE);
        assertThat(c.getNode().getAddresses()).containsExactly("10.224.0.5", "20.50.1.2", "fd00::5");
        assertThat(c.getNode().getPodCidrs()).containsExactly("10.244.1.0/24", "fd00:10:244:1::/64");
    }

    @Test
    void publicConverterGivesTheChangeAFileWouldGiveWithTheSourcesTime() throws IOException {
        String json = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"n\",\"uid\":\"u\"},"
                + "\"status\":{\"podIP\":\"10.244.1.5\",\"startTime\":\"2026-01-15T02:00:00Z\"}}";
        Instant seen = Instant.parse("2026-01-15T02:00:03Z");
        IdentityChange live = KubernetesObjects.toChange("aks-shop", ChangeType.MODIFIED,
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), seen);
        IdentityChange file = convert(json);
        assertThat(live.getObservedAt()).isEqualTo(seen);
        live.setObservedAt(null);
        assertThat(live).isEqualTo(file);
        assertThat(KubernetesObjects.toChange("aks-shop", ChangeType.ADDED,
                "{\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), null)).isNull();
    }

    @Test
    void otherKindsGiveNoChange() throws IOException {
        assertThat(convert("{\"kind\":\"Service\",\"metadata\":{\"name\":\"checkout\"}}")).isNull();
        assertThat(convert("{\"metadata\":{\"name\":\"no-kind\"}}")).isNull();
    }

    @Test
    void wrongShapesAreSkippedWithoutLosingTheRest() throws IOException {
        IdentityChange c = convert("""
                {"kind":"Pod","metadata":{"name":"p","namespace":"n","labels":"not-a-map",
                   "ownerReferences":["not-an-object",{"kind":"ReplicaSet","name":"rs","controller":true}]},
                 "status":{"podIPs":[1,{"ip":"10.244.1.5"}],"conditions":{"oops":true}}}
                """);
        assertThat(c.getLabels()).isEmpty();
        assertThat(c.getOwner().getName()).isEqualTo("rs");
        assertThat(c.getPod().getIps()).isEqualTo(List.of("10.244.1.5"));
    }
}
