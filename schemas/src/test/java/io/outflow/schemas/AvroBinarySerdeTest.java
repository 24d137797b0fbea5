package io.outflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.schemas.binary.AvroBinarySerde;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroBinarySerdeTest {

    static FlowEvent sampleFlow() {
        WorkloadIdentity pod = WorkloadIdentity.newBuilder()
                .setAttribution(Attribution.pod).setCluster("prod").setNamespace("analytics")
                .setPod("invoice-render-5c8d7-qx2lp").setWorkloadKind("Deployment").setWorkload("invoice-render")
                .setLabels(Map.of("app", "invoice-render")).build();
        return FlowEvent.newBuilder()
                .setEventId("00112233445566778899aabbccddeeff")
                .setTime(Instant.parse("2026-03-01T10:15:30.123Z"))
                .setCategory("AZFWApplicationRule").setKind(FlowKind.connection)
                .setSourceIp("10.240.3.17").setSourcePort(40312).setDestinationFqdn("pool.example")
                .setDestinationPort(443).setProtocol("TCP").setAction(FlowAction.allow)
                .setBytesOut(1234L).setSource(pod).setWarnings(List.of("note"))
                .setExtras(Map.of("rule", "allow-web")).build();
    }

    @Test
    void flowEventRoundTripsThroughSingleObjectEncoding() {
        AvroBinarySerde<FlowEvent> serde = AvroBinarySerde.forSchema(FlowEvent.getClassSchema());
        FlowEvent flow = sampleFlow();

        byte[] bytes = serde.serialize(flow);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserialize(bytes)).isEqualTo(flow);
    }

    @Test
    void alertAndIdentityChangeRoundTrip() {
        Alert alert = Alert.newBuilder().setAlertId("a1").setDetector("beaconing").setDetectorVersion("1")
                .setSeverity(Severity.high).setScore(0.93).setTitle("t").setDescription("d")
                .setAttribution(Attribution.node).setNode("aks-pool1-000002")
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.ofEpochSecond(3600))
                .setEvidence("{\"connections\":42}").setMitreTechniques(List.of("T1071"))
                .setConfigVersion("abcdef012345").setOutflowVersion("0.1.0").setMode(Mode.replay).build();
        IdentityChange change = IdentityChange.newBuilder().setCluster("prod").setChangeType(ChangeType.ADDED)
                .setObjectKind(ObjectKind.POD).setName("p").setNamespace("ns").setUid("u")
                .setPod(PodState.newBuilder().setIps(List.of("10.0.0.1", "fd00::1")).setHostIp("10.1.0.4").build())
                .build();

        assertThat(AvroBinarySerde.<Alert>forSchema(Alert.getClassSchema())
                .deserialize(AvroBinarySerde.<Alert>forSchema(Alert.getClassSchema()).serialize(alert)))
                .isEqualTo(alert);
        AvroBinarySerde<IdentityChange> changes = AvroBinarySerde.forSchema(IdentityChange.getClassSchema());
        assertThat(changes.deserialize(changes.serialize(change))).isEqualTo(change);
    }

    @Test
    void readsDataWrittenWithAnOlderSchemaThatLackedAnOptionalField() {
        // the schema as it was before WorkloadIdentity gained ownerInference, validFrom, validTo and candidates
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"WorkloadIdentity","namespace":"io.outflow.schemas","fields":[
                  {"name":"attribution","type":{"type":"enum","name":"Attribution","symbols":["pod","node","unknown"]}},
                  {"name":"attributionReason","type":["null","string"],"default":null},
                  {"name":"cluster","type":["null","string"],"default":null},
                  {"name":"namespace","type":["null","string"],"default":null},
                  {"name":"pod","type":["null","string"],"default":null}]}""");
        GenericRecord written = new GenericData.Record(old);
        written.put("attribution", new GenericData.EnumSymbol(old.getField("attribution").schema(), "pod"));
        written.put("cluster", "prod");
        written.put("namespace", "web");
        written.put("pod", "web-1");
        byte[] bytes = encode(old, written);

        AvroBinarySerde<WorkloadIdentity> current =
                AvroBinarySerde.<WorkloadIdentity>forSchema(WorkloadIdentity.getClassSchema()).alsoReading(old);
        WorkloadIdentity read = current.deserialize(bytes);

        assertThat(read.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(read.getPod()).isEqualTo("web-1");
        assertThat(read.getOwnerInference()).isNull();
        assertThat(read.getCandidates()).isEmpty();
        assertThat(read.getLabels()).isEmpty();
    }

    @Test
    void refusesDataOfAnUnknownWriterSchema() {
        Schema other = new Schema.Parser().parse("""
                {"type":"record","name":"WorkloadIdentity","namespace":"io.outflow.schemas","fields":[
                  {"name":"x","type":"int"}]}""");
        GenericRecord written = new GenericData.Record(other);
        written.put("x", 1);
        byte[] bytes = encode(other, written);

        assertThatThrownBy(() -> AvroBinarySerde.<WorkloadIdentity>forSchema(WorkloadIdentity.getClassSchema())
                .deserialize(bytes)).isInstanceOf(AvroRuntimeException.class);
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
