package io.outflow.enrichment.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BytePatternTest {
    @Property(tries = 500)
    void findsWhatStringIndexOfFinds(@ForAll @AlphaChars @StringLength(max = 200) String haystack,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 4) String needle,
                                     @ForAll boolean plant) {
        String text = plant ? haystack.substring(0, haystack.length() / 2) + needle
                + haystack.substring(haystack.length() / 2) : haystack;
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(new BytePattern(needle).find(bytes, 0, bytes.length)).isEqualTo(text.indexOf(needle));
    }

    @Test
    void searchesOnlyTheGivenRange() {
        byte[] bytes = "10.244.3.5 | 10.244.3.52".getBytes(StandardCharsets.US_ASCII);
        BytePattern pattern = new BytePattern("10.244.3.52");
        assertThat(pattern.find(bytes, 0, bytes.length)).isEqualTo(13);
        assertThat(pattern.find(bytes, 0, 23)).isEqualTo(-1);
    }

    @Test
    void recognisesPodDocumentsByTheirKindWhateverTheSpacing() {
        assertThat(kind("{\"kind\":\"Pod\"}")).isTrue();
        assertThat(kind("{\n    \"kind\": \"Pod\",\n}")).isTrue();
        assertThat(kind("{\"metadata\":{\"ownerReferences\":[{\"kind\":\"ReplicaSet\"}]},\"kind\" : \"Pod\"}")).isTrue();
        assertThat(kind("{\"kind\":\"PodDisruptionBudget\"}")).isFalse();
        assertThat(kind("{\"kind\":\"Node\",\"note\":\"Pod\"}")).isFalse();
    }

    private static boolean kind(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return AddressFilter.kindIsPod(bytes, 0, bytes.length);
    }
}
