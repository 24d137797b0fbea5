package io.outflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.json.ContractJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    @Test
    void writesFieldsInSchemaOrderAndLeavesAbsentValuesOut() {
        FlowEvent flow = AvroBinarySerdeTest.sampleFlow();
        flow.setDestinationIp(null);
        flow.setResourceId("");

        String json = ContractJson.toJson(flow);

        assertThat(json).startsWith("{\"eventId\":\"00112233445566778899aabbccddeeff\","
                + "\"time\":\"2026-03-01T10:15:30.123Z\",\"category\":\"AZFWApplicationRule\",\"kind\":\"connection\",");
        assertThat(json).doesNotContain("null").doesNotContain("\"\"").doesNotContain("destinationIp")
                .doesNotContain("resourceId");
        assertThat(json).contains("\"source\":{\"attribution\":\"pod\",\"cluster\":\"prod\"")
                .contains("\"labels\":{\"app\":\"invoice-render\"}")
                .contains("\"warnings\":[\"note\"]").contains("\"extras\":{\"rule\":\"allow-web\"}");
    }

    @Test
    void timesHaveThreeFractionDigitsInUtc() {
        assertThat(ContractJson.formatTime(Instant.parse("2026-03-01T10:15:30Z"))).isEqualTo("2026-03-01T10:15:30.000Z");
        assertThat(ContractJson.formatTime(Instant.parse("2026-03-01T10:15:30.123456789Z")))
                .isEqualTo("2026-03-01T10:15:30.123Z");
    }

    @Test
    void alertEvidenceIsWrittenAsAnObject() {
        Alert alert = Alert.newBuilder().setAlertId("a1").setDetector("beaconing").setDetectorVersion("1")
                .setSeverity(Severity.high).setScore(0.5).setTitle("t").setDescription("d")
                .setAttribution(Attribution.pod).setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
                .setEvidence("{\"connections\":42,\"kql\":\"AZFWApplicationRule | take 1\"}")
                .setMitreTactics(List.of("CommandAndControl"))
                .setConfigVersion("abc").setOutflowVersion("0.1.0").setMode(Mode.live).build();

        assertThat(ContractJson.toJson(alert))
                .contains("\"evidence\":{\"connections\":42,\"kql\":\"AZFWApplicationRule | take 1\"}")
                .contains("\"mitreTactics\":[\"CommandAndControl\"]").doesNotContain("mitreTechniques");
    }
}
