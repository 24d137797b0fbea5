package io.outflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.ids.CanonicalDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalDigestTest {

    @Test
    void equalContentGivesEqualIdsWhateverTheMapOrder() {
        FlowEvent a = AvroBinarySerdeTest.sampleFlow();
        FlowEvent b = AvroBinarySerdeTest.sampleFlow();
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("rule", "r");
        forward.put("policy", "p");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("policy", "p");
        backward.put("rule", "r");
        a.setExtras(forward);
        b.setExtras(backward);
        b.setEventId("something else entirely");

        assertThat(CanonicalDigest.contentId(a, "eventId")).hasSize(32)
                .isEqualTo(CanonicalDigest.contentId(b, "eventId"));
    }

    @Test
    void absentEmptyAndMissingValuesLeaveNoTrace() {
        FlowEvent a = AvroBinarySerdeTest.sampleFlow();
        FlowEvent b = AvroBinarySerdeTest.sampleFlow();
        b.setResourceId("");
        b.setWarnings(List.of("note"));
        a.setWarnings(List.of("note"));
        a.setResourceId(null);

        assertThat(CanonicalDigest.contentId(a, "eventId")).isEqualTo(CanonicalDigest.contentId(b, "eventId"));
    }

    @Test
    void anyDifferenceInContentChangesTheId() {
        FlowEvent a = AvroBinarySerdeTest.sampleFlow();
        String base = CanonicalDigest.contentId(a, "eventId");

        a.setSourcePort(40313);
        String port = CanonicalDigest.contentId(a, "eventId");
        a.setSourcePort(40312);
        a.getSource().setPod("invoice-render-other");
        String pod = CanonicalDigest.contentId(a, "eventId");
        a.getSource().setPod("invoice-render-5c8d7-qx2lp");
        a.setExtras(new HashMap<>(Map.of("rule", "allow-web", "x", "é€😀")));
        String unicode = CanonicalDigest.contentId(a, "eventId");

        assertThat(List.of(port, pod, unicode)).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void valuesCannotBleedIntoNeighbouringFields() {
        FlowEvent a = AvroBinarySerdeTest.sampleFlow();
        FlowEvent b = AvroBinarySerdeTest.sampleFlow();
        a.setCategory("AB");
        a.setProtocol("C");
        b.setCategory("A");
        b.setProtocol("BC");

        assertThat(CanonicalDigest.contentId(a, "eventId")).isNotEqualTo(CanonicalDigest.contentId(b, "eventId"));
    }
}
