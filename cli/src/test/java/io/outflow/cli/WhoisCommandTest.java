package io.outflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.enrichment.history.HistoryCounts;
import io.outflow.enrichment.history.HistoryReader;
import io.outflow.enrichment.history.HistorySource;
import io.outflow.enrichment.history.IdentityChangeArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhoisCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE1 = "aks-pool1-31415926-vmss000001";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private Path shop;

    @BeforeEach
    void capture() throws IOException {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        // invoice-render holds 10.240.3.17 until it is deleted at 06:00 (+30 s grace); batch-worker takes the
        // address at 07:00; the node's own address is shared by a hostNetwork pod
        shop = new KubectlWatch()
                .node(NODE1, "10.224.0.5", "10.240.3.0/24")
                .replicaSet("analytics", "invoice-render-5c8d7f9b6", "invoice-render")
                .pod("ADDED", "analytics", "invoice-render-5c8d7f9b6-qx2lp", "ReplicaSet", "invoice-render-5c8d7f9b6",
                        "10.240.3.17", NODE1, "10.224.0.5", "2026-01-15T00:00:00Z", null, false)
                .pod("ADDED", "kube-system", "kube-proxy-8xk2d", "DaemonSet", "kube-proxy", "10.224.0.5", NODE1,
                        "10.224.0.5", "2026-01-14T00:00:00Z", null, true)
                .pod("MODIFIED", "analytics", "invoice-render-5c8d7f9b6-qx2lp", "ReplicaSet",
                        "invoice-render-5c8d7f9b6", "10.240.3.17", NODE1, "10.224.0.5", "2026-01-15T00:00:00Z",
                        "2026-01-15T06:00:00Z", false)
                .pod("ADDED", "batch", "batch-worker-6a5b4c3d2-mn7qe", "ReplicaSet", "batch-worker-6a5b4c3d2",
                        "10.240.3.17", NODE1, "10.224.0.5", "2026-01-15T07:00:00Z", null, false)
                .write(dir.resolve("shop-watch.json"));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private JsonNode answer() throws IOException {
        assertThat(out().lines()).hasSize(1);
        return JSON.readTree(out());
    }

    @Test
    void answersThePodAndWorkloadThatHeldTheAddress() throws IOException {
        int exit = Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:59:00+01:00",
                "--k8s-events", "aks-shop=" + shop);

        assertThat(exit).isEqualTo(0);
        assertThat(out()).isEqualTo("{\"cluster\":\"aks-shop\",\"namespace\":\"analytics\","
                + "\"workload\":\"invoice-render\",\"workloadKind\":\"Deployment\","
                + "\"pod\":\"invoice-render-5c8d7f9b6-qx2lp\",\"node\":\"" + NODE1 + "\","
                + "\"from\":\"2026-01-15T00:00:00.000Z\",\"to\":\"2026-01-15T06:00:30.000Z\",\"attribution\":\"pod\","
                + "\"serviceAccount\":\"default\",\"podUid\":\"" + KubectlWatch.uid("analytics/invoice-render-"
                + "5c8d7f9b6-qx2lp") + "\"}\n");
        assertThat(err()).contains("10.240.3.17 at 2026-01-15T04:59:00.000Z: pod analytics/invoice-render-5c8d7f9b6"
                + "-qx2lp (Deployment invoice-render) on node " + NODE1 + " of cluster aks-shop");
    }

    @Test
    void currentAssignmentHasNoEndAndAnUnknownReplicaSetSaysHowTheWorkloadWasInferred() throws IOException {
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T08:00:00Z", "--k8s-events",
                shop.toString())).isZero();
        JsonNode a = answer();
        assertThat(a.get("cluster").asText()).isEqualTo("default");
        assertThat(a.get("workload").asText()).isEqualTo("batch-worker");
        assertThat(a.get("ownerInference").asText()).isEqualTo("pod-template-hash");
        assertThat(a.has("to")).isFalse();
    }

    @Test
    void hostNetworkAddressIsTheNodes() throws IOException {
        assertThat(Outflow.run("whois", "10.224.0.5", "--at", "2026-01-15T08:00:00Z", "--k8s-events",
                "aks-shop=" + shop)).isZero();
        JsonNode a = answer();
        assertThat(a.get("attribution").asText()).isEqualTo("node");
        assertThat(a.get("node").asText()).isEqualTo(NODE1);
        assertThat(a.has("pod")).isFalse();
        assertThat(a.get("from").asText()).isEqualTo("2026-01-10T00:00:00.000Z");
    }

    @Test
    void gapBetweenOwnersIsNoOwnerAtTimeWithTheNeighbours() throws IOException {
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T06:30:00Z", "--k8s-events",
                "aks-shop=" + shop)).isZero();
        JsonNode a = answer();
        assertThat(a.get("attribution").asText()).isEqualTo("unknown");
        assertThat(a.get("reason").asText()).isEqualTo("no-owner-at-time");
        assertThat(a.get("candidates")).isEmpty();
        assertThat(a.get("previous").get("pod").asText()).isEqualTo("invoice-render-5c8d7f9b6-qx2lp");
        assertThat(a.get("previous").get("to").asText()).isEqualTo("2026-01-15T06:00:30.000Z");
        assertThat(a.get("next").get("pod").asText()).isEqualTo("batch-worker-6a5b4c3d2-mn7qe");
    }

    @Test
    void addressNoClusterKnowsIsOutsideKnownRanges() throws IOException {
        assertThat(Outflow.run("whois", "203.0.113.9", "--at", "2026-01-15T06:30:00Z", "--k8s-events",
                "aks-shop=" + shop)).isZero();
        assertThat(out()).isEqualTo("{\"attribution\":\"unknown\",\"reason\":\"outside-known-ranges\","
                + "\"candidates\":[]}\n");
    }

    @Test
    void twoClustersThatBothKnowTheAddressAreAmbiguousUnlessOneIsNamed() throws IOException {
        Path other = new KubectlWatch()
                .pod("ADDED", "ml", "trainer-0", "StatefulSet", "trainer", "10.240.3.17", "aks-ml-1", "10.225.0.4",
                        "2026-01-15T00:00:00Z", null, false)
                .write(dir.resolve("ml-watch.json"));

        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--k8s-events",
                "aks-shop=" + shop, "aks-ml=" + other)).isZero();
        JsonNode a = answer();
        assertThat(a.get("reason").asText()).isEqualTo("ambiguous");
        assertThat(a.get("candidates")).extracting(JsonNode::asText)
                .containsExactly("aks-shop/analytics/invoice-render-5c8d7f9b6-qx2lp", "aks-ml/ml/trainer-0");

        stdout.reset();
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--cluster", "aks-ml",
                "--k8s-events", "aks-shop=" + shop, "--k8s-events", "aks-ml=" + other)).isZero();
        assertThat(answer().get("pod").asText()).isEqualTo("trainer-0");
        assertThat(err()).contains("read 1 file(s)"); // aks-shop's history was not even opened
    }

    @Test
    void configuredRangesDecideTheClusterAndTheirUnheldAddresses() throws IOException {
        Path config = Files.writeString(dir.resolve("outflow.yaml"), """
                clusters:
                  aks-shop:
                    networkPlugin: azure-cni
                    podCidrs: [10.240.0.0/16]
                    nodeCidrs: [10.224.0.0/16]
                """);
        assertThat(Outflow.run("whois", "10.240.9.9", "--at", "2026-01-15T05:00:00Z", "--config", config.toString(),
                "--k8s-events", "aks-shop=" + shop)).isZero();
        assertThat(out()).isEqualTo("{\"cluster\":\"aks-shop\",\"attribution\":\"unknown\","
                + "\"reason\":\"no-owner-at-time\",\"candidates\":[]}\n");
    }

    @Test
    void readsArchivesAndDirectories() throws IOException {
        Path archiveDir = Files.createDirectories(dir.resolve("archive"));
        try (IdentityChangeArchive archive = IdentityChangeArchive.create(archiveDir.resolve("2026-01-15.avro"))) {
            new HistoryReader().read(new HistorySource("aks-shop", shop, true), change -> {
                try {
                    archive.append(change);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, new HistoryCounts());
        }
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--k8s-events",
                archiveDir.toString())).isZero();
        JsonNode a = answer();
        assertThat(a.get("cluster").asText()).isEqualTo("aks-shop"); // recorded in the archive
        assertThat(a.get("pod").asText()).isEqualTo("invoice-render-5c8d7f9b6-qx2lp");
    }

    @Test
    void missingHistoryFileIsUnreadableInput() {
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--k8s-events",
                dir.resolve("nope.json").toString())).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("cannot read").contains("nope.json");
    }

    @Test
    void badUsageExitsTwoAndSaysWhy() throws IOException {
        assertThat(Outflow.run("whois", "10.240.3.300", "--at", "2026-01-15T05:00:00Z", "--k8s-events",
                shop.toString())).isEqualTo(2);
        assertThat(err()).contains("'10.240.3.300' is not an IPv4 or IPv6 address");

        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00", "--k8s-events",
                shop.toString())).isEqualTo(2);
        assertThat(err()).contains("--at '2026-01-15T05:00:00' is not an ISO-8601 time with Z or an offset");

        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--cluster", "aks-typo",
                "--k8s-events", shop.toString())).isEqualTo(2);
        assertThat(err()).contains("no history or configuration for cluster 'aks-typo'; known: default");

        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z")).isEqualTo(2);
        assertThat(err()).contains("--k8s-events");

        Path config = Files.writeString(dir.resolve("bad.yaml"), "pipeline:\n  allowedLateness: 2h\n"
                + "identity:\n  retention: 1h\n");
        assertThat(Outflow.run("whois", "10.240.3.17", "--at", "2026-01-15T05:00:00Z", "--config", config.toString(),
                "--k8s-events", shop.toString())).isEqualTo(2);
        assertThat(err()).contains("identity.retention: must be ≥ pipeline.allowedLateness (2h)")
                .contains("(bad.yaml:4)");
        assertThat(out()).isEmpty();
    }
}
