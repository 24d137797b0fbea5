package io.outflow.detectors.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AksEgressProfileTest {

    @Test
    void profilesHoldTheDocumentedRequiredDestinations() {
        assertThat(AksEgressProfile.profiles()).containsExactly("aksRequired", "azureMonitor");
        assertThat(AksEgressProfile.entries("aksRequired")).flatExtracting(AllowlistEntry::domains)
                .extracting(DomainPattern::toString)
                .contains("*.azmk8s.io", "mcr.microsoft.com", "*.data.mcr.microsoft.com", "management.azure.com",
                        "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net",
                        "ntp.ubuntu.com");
        assertThat(AksEgressProfile.entries("azureMonitor")).flatExtracting(AllowlistEntry::domains)
                .extracting(DomainPattern::toString)
                .contains("*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com", "*.monitoring.azure.com",
                        "dc.services.visualstudio.com");
        assertThat(AksEgressProfile.entries("aksRequired")).allSatisfy(e -> {
            assertThat(e.id()).startsWith("builtin:aksRequired/");
            assertThat(e.owner()).isEqualTo("outflow built-in");
            assertThat(e.ports()).isNotEmpty();
        });
    }

    @Test
    void theAllowlistPageListsEveryBuiltInEntry() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "allowlists.md"));
        for (String profile : AksEgressProfile.profiles()) {
            for (AllowlistEntry entry : AksEgressProfile.entries(profile)) {
                String name = entry.id().substring(entry.id().indexOf('/') + 1);
                assertThat(page).as(entry.id()).contains("| `" + name + "` |");
                for (DomainPattern domain : entry.domains()) {
                    assertThat(page).as(entry.id()).contains("`" + domain + "`");
                }
            }
        }
    }
}
