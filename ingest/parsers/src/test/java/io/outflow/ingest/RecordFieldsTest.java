package io.outflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses in record fields: IpAddress reads them; the field may add white space, and IPv6 brackets. */
class RecordFieldsTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "null", ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            10.244.1.17,'10.244.1.17'
            ' 10.244.1.17\t','10.244.1.17'
            ::ffff:10.244.1.17,'10.244.1.17'
            FD00:0010:0244:0001:0000:0000:0000:001F,'fd00:10:244:1::1f'
            [2001:db8::1],'2001:db8::1'
            ' [::1] ','::1'
            [1.2.3.4],null
            [2001:db8::1,null
            10.244.01.17,null
            ::ffff:010.244.1.17,null
            00001::,null
            fe80::1%eth0,null
            aks-pool1,null
            '',null
            """)
    void ipIsTheCanonicalTextOfAnAddressInAField(String text, String expected) {
        assertThat(RecordFields.ip(text)).isEqualTo(expected);
    }

    @Test
    void anInvalidOptionalAddressIsLeftOutWithAWarning() {
        FlowEvent event = FlowEvents.draft("Test", FlowKind.connection, 0L);

        assertThat(RecordFields.optionalIp("2001:DB8::7", "DestinationIp", event)).isEqualTo("2001:db8::7");
        assertThat(RecordFields.optionalIp(" ", "DestinationIp", event)).isNull();
        assertThat(RecordFields.optionalIp("10.0.0.256", "DestinationIp", event)).isNull();
        assertThat(event.getWarnings()).containsExactly("DestinationIp '10.0.0.256' is not an IP address; left out");
    }
}
