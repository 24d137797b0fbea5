package io.outflow.replay.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestReportTest {
    private static final Alert KEPT = alert("kept", "beaconing", "2025-01-01T10:00:00Z", Severity.high, 0.9, "v1");
    private static final Alert DROPPED = alert("dropped", "new_fqdn", "2025-01-02T11:00:00Z", Severity.low, 0.4, "v1");
    private static final Alert NEW = alert("new", "bandwidth_spike", "2025-01-02T12:00:00Z", Severity.medium, 0.7, "v2");
    private static final Alert RETUNED = alert("retuned", "beaconing", "2025-01-03T09:00:00Z", Severity.medium, 0.6,
            "v1");

    private final BacktestSide baseline = new BacktestSide("baseline", "a.yaml", "aaaaaaaaaaaa",
            List.of(KEPT, DROPPED, RETUNED), Map.of("allowlist[0] *.partner.example", 3L), 1000, Map.of("beaconing", 2L));
    private final BacktestSide candidate = new BacktestSide("candidate", "b.yaml", "bbbbbbbbbbbb",
            List.of(withVersion(KEPT, "v2"), NEW, Alert.newBuilder(withVersion(RETUNED, "v2")).setSeverity(Severity.high)
                    .setScore(0.8).build()),
            Map.of("allowlist[0] *.partner.example", 3L, "allowlist[1] 10.0.0.0/8", 5L), 1000, Map.of("beaconing", 2L));

    @Test
    void findsAddedRemovedAndChangedAlertsByIdIgnoringTheConfigVersion() {
        BacktestComparison c = BacktestComparison.of(baseline, candidate);

        assertThat(c.added()).extracting(Alert::getAlertId).containsExactly("new");
        assertThat(c.removed()).extracting(Alert::getAlertId).containsExactly("dropped");
        assertThat(c.changed()).hasSize(1);
        assertThat(c.changed().get(0).fields()).containsExactly("severity", "score");
        assertThat(c.days()).containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"),
                LocalDate.parse("2025-01-03"));
        assertThat(c.detectors()).containsExactly("bandwidth_spike", "beaconing", "new_fqdn");
    }

    @Test
    void rendersASelfContainedPageWithChartsAndEscapedLogText() {
        String html = HtmlReport.render(BacktestComparison.of(baseline, candidate), "2 inputs, 2025-01-01 – 2025-01-04");

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</html>")
                .doesNotContain("<script", "src=\"http", "href=\"http")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("allowlist[1] 10.0.0.0/8")
                .contains("Added by the candidate (1)", "Removed by the candidate (1)",
                        "Raised by both, differently (1)");
        // one chart per detector, a bar per config per day
        assertThat(html.split("<figure>", -1)).hasSize(4);
        assertThat(html).contains("<title>2025-01-02 candidate: 1</title>", "<title>2025-01-02 baseline: 1</title>");
    }

    @Test
    void writesTheSameNumbersAsJson() throws Exception {
        StringWriter out = new StringWriter();
        ReportJson.write(BacktestComparison.of(baseline, candidate), "history", out);
        JsonNode json = new ObjectMapper().readTree(out.toString());

        assertThat(json.at("/totals/added").asInt()).isEqualTo(1);
        assertThat(json.at("/totals/removed").asInt()).isEqualTo(1);
        assertThat(json.at("/totals/changed").asInt()).isEqualTo(1);
        assertThat(json.at("/candidate/suppressedByEntry").size()).isEqualTo(2);
        assertThat(json.at("/baseline/alertsByDetectorAndDay/beaconing/2025-01-03").asInt()).isEqualTo(1);
        assertThat(json.at("/added/0/evidence/connections").asInt()).isEqualTo(12);
        assertThat(json.at("/changed/0/fields/0").asText()).isEqualTo("severity");
    }

    @Test
    void drawsBarsInProportionToTheLargestDay() {
        String svg = HtmlReport.chart(new java.util.TreeSet<>(List.of(LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-01-02"))), Map.of(LocalDate.parse("2025-01-01"), 4L),
                Map.of(LocalDate.parse("2025-01-02"), 2L));

        assertThat(svg).contains("height=\"120\" fill=\"#8c96a3\"", "height=\"60\" fill=\"#2f6fdf\"",
                ">01-01<", ">01-02<");
    }

    private static Alert alert(String id, String detector, String start, Severity severity, double score,
                               String version) {
        Instant from = Instant.parse(start);
        return Alert.newBuilder().setAlertId(id).setDetector(detector).setDetectorVersion("1").setSeverity(severity)
                .setScore(score).setTitle("<img src=x onerror=alert(1)>").setDescription("d").setCluster("aks")
                .setNamespace("shop").setWorkload("cart").setWorkloadKind("Deployment")
                .setAttribution(Attribution.pod).setDestinationFqdn("c2.example").setDestinationPort(443)
                .setWindowStart(from).setWindowEnd(from.plusSeconds(3600)).setEvidence("{\"connections\":12}")
                .setConfigVersion(version).setOutflowVersion("0.1.0").setMode(Mode.replay).build();
    }

    private static Alert withVersion(Alert alert, String version) {
        return Alert.newBuilder(alert).setConfigVersion(version).build();
    }
}
