package io.outflow.replay.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlobLocationTest {

    @Test
    void readsAccountContainerAndPrefixFromAnAzureUrl() {
        BlobLocation location = BlobLocation.parse(
                "https://capturestore.blob.core.windows.net/insights-logs/y=2025/m=01/");

        assertThat(location).isEqualTo(new BlobLocation("https://capturestore.blob.core.windows.net",
                "capturestore", "insights-logs", "y=2025/m=01/"));
        assertThat(location.blobUrl("y=2025/m=01/PT1H.json"))
                .isEqualTo("https://capturestore.blob.core.windows.net/insights-logs/y=2025/m=01/PT1H.json");
    }

    @Test
    void readsTheAccountFromThePathOfAnEmulatorUrl() {
        BlobLocation location = BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1/capture/ns/hub/0");

        assertThat(location).isEqualTo(new BlobLocation("http://127.0.0.1:10000/devstoreaccount1",
                "devstoreaccount1", "capture", "ns/hub/0"));
    }

    @Test
    void acceptsAWholeContainerAndOtherClouds() {
        assertThat(BlobLocation.parse("https://acct.blob.core.chinacloudapi.cn/logs"))
                .isEqualTo(new BlobLocation("https://acct.blob.core.chinacloudapi.cn", "acct", "logs", ""));
    }

    @Test
    void refusesSasTokensAndUrlsWithoutAContainer() {
        assertThatThrownBy(() -> BlobLocation.parse("https://acct.blob.core.windows.net/logs?sv=2024&sig=abc"))
                .hasMessageContaining("must not carry a query")
                .hasMessageNotContaining("sig=abc");
        assertThatThrownBy(() -> BlobLocation.parse("https://acct.blob.core.windows.net/"))
                .hasMessageContaining("names an account and a container");
    }

    @Test
    void tellsUrlsFromPaths() {
        assertThat(BlobLocation.isBlobUrl("HTTPS://acct.blob.core.windows.net/c")).isTrue();
        assertThat(BlobLocation.isBlobUrl("/data/capture")).isFalse();
        assertThat(BlobLocation.isBlobUrl("capture/http/file.json")).isFalse();
    }
}
