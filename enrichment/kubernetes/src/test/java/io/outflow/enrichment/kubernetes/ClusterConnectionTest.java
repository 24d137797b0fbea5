package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectionTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
              - name: weu
                cluster:
                  server: https://aks-weu-prod-dns-0f1e2d3c.hcp.westeurope.azmk8s.io:443
              - name: neu
                cluster:
                  server: https://aks-neu-stage-dns-4b5a6978.hcp.northeurope.azmk8s.io:443
            users:
              - name: reader
                user:
                  token: not-a-real-token
            contexts:
              - name: prod
                context: {cluster: weu, user: reader}
              - name: stage
                context: {cluster: neu, user: reader, namespace: apps}
            current-context: prod
            """;

    @TempDir
    Path dir;

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("config"), KUBECONFIG);
    }

    @Test
    void aContextOfAKubeconfigFileGivesThatContextsServer() throws IOException {
        ClusterConnection stage = ClusterConnection.kubeconfigContext("aks-neu-stage", kubeconfig().toFile(), "stage");
        assertThat(stage.cluster()).isEqualTo("aks-neu-stage");
        assertThat(stage.config().getMasterUrl()).startsWith("https://aks-neu-stage-dns-4b5a6978");
        ClusterConnection prod = ClusterConnection.kubeconfigContext("aks-weu-prod", kubeconfig().toFile(), "prod");
        assertThat(prod.config().getMasterUrl()).startsWith("https://aks-weu-prod-dns-0f1e2d3c");
    }

    @Test
    void aClusterNameAndAContextAreRequired() {
        assertThatThrownBy(() -> ClusterConnection.kubeconfigContext(" ", kubeconfig().toFile(), "prod"))
                .hasMessageContaining("cluster name");
        assertThatThrownBy(() -> ClusterConnection.kubeconfigContext("aks", kubeconfig().toFile(), ""))
                .hasMessageContaining("context");
    }
}
