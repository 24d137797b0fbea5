package io.outflow.replay.job.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.run.LateFlow;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.replay.job.KeyedFlow;
import io.outflow.replay.order.InputTally;
import io.outflow.replay.order.ReplayItem;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ReplaySerializersTest {
    private static final FlowEvent FLOW = FlowEvent.newBuilder().setEventId("0123456789abcdef0123456789abcdef")
            .setTime(Instant.parse("2025-01-01T00:00:01.250Z")).setCategory("AZFWNetworkRule")
            .setKind(FlowKind.connection).setSourceIp("10.0.0.1").setSourcePort(40000)
            .setDestinationIp("203.0.113.1").setDestinationPort(443).setProtocol("TCP")
            .setExtras(Map.of("rule", "r")).setWarnings(List.of()).build();
    private static final EnrichedFlow ENRICHED = EnrichedFlow.newBuilder().setFlow(FLOW)
            .setSource(WorkloadIdentity.newBuilder().setAttribution(Attribution.pod).setNamespace("shop")
                    .setWorkload("cart").setWorkloadKind("Deployment").setPod("cart-1").setCluster("aks")
                    .setLabels(Map.of("app", "cart")).setCandidates(List.of()).build())
            .setRegisteredDomain("example.com").build();

    @Test
    void replayItemsOfEveryKindSurviveTheRoundTrip() throws IOException {
        ReplayItemSerializer serializer = new ReplayItemSerializer();
        QuarantineEntry entry = new QuarantineEntry("unknown", "invalid JSON", "f.jsonl", 12, "x".repeat(70_000),
                true, 80_000, "ab");
        TreeMap<String, InputTally.Outcomes> categories = new TreeMap<>();
        categories.put("AZFWNetworkRule", new InputTally.Outcomes(10, 1, 0));
        InputTally tally = new InputTally(categories, 3, 2, List.of("b.jsonl: permission denied"));

        ReplayItem flow = serializer.roundTrip(ReplayItem.flow(FLOW, true, 1234L));
        assertThat(flow.flow()).isEqualTo(FLOW);
        assertThat(flow.late()).isTrue();
        assertThat(flow.watermark()).isEqualTo(1234L);
        assertThat(serializer.roundTrip(ReplayItem.quarantine(entry)).quarantine()).isEqualTo(entry);
        assertThat(serializer.roundTrip(ReplayItem.progress(99)).bytesRead()).isEqualTo(99);
        ReplayItem tallied = serializer.roundTrip(ReplayItem.tally(tally, 500));
        assertThat(tallied.tally()).isEqualTo(tally);
        assertThat(tallied.bytesRead()).isEqualTo(500);
    }

    @Test
    void keyedAndLateFlowsSurviveTheRoundTrip() throws IOException {
        KeyedFlow keyed = new KeyedFlow(3, "aks|shop/Deployment/cart", ENRICHED);
        assertThat(new KeyedFlowSerializer().roundTrip(keyed)).isEqualTo(keyed);
        assertThat(keyed.routeKey()).isEqualTo("3\u001faks|shop/Deployment/cart");

        byte[] shared = new AvroRecordSerializer<>(EnrichedFlow.class).encode(ENRICHED);
        KeyedFlow preEncoded = new KeyedFlow(1, "other-key", ENRICHED, shared);
        assertThat(new KeyedFlowSerializer().roundTrip(preEncoded)).isEqualTo(preEncoded);

        LateFlow late = new LateFlow("beaconing", "k", ENRICHED, Instant.parse("2025-01-01T00:10:00Z"));
        assertThat(new LateFlowSerializer().roundTrip(late)).isEqualTo(late);
    }

    @Test
    void avroRecordsCopyAndSerializeThroughTheBinaryForm() throws IOException {
        AvroRecordSerializer<EnrichedFlow> serializer = new AvroRecordSerializer<>(EnrichedFlow.class);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(ENRICHED, out);
        serializer.serialize(ENRICHED, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

        assertThat(serializer.deserialize(in)).isEqualTo(ENRICHED);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(in, copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(ENRICHED);
        assertThat(serializer.copy(ENRICHED)).isEqualTo(ENRICHED).isNotSameAs(ENRICHED);
    }

    @Test
    void avroSnapshotsRestoreTheSerializerAndSeeSchemaChanges() throws IOException {
        AvroRecordSerializer<EnrichedFlow> serializer = new AvroRecordSerializer<>(EnrichedFlow.class);
        TypeSerializerSnapshot<EnrichedFlow> written = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);

        TypeSerializerSnapshot<EnrichedFlow> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<EnrichedFlow> restored = read.restoreSerializer();

        assertThat(restored).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        TypeSerializerSnapshot<FlowEvent> other = new AvroRecordSerializer<>(FlowEvent.class).snapshotConfiguration();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<EnrichedFlow> mismatched = (TypeSerializerSnapshot) other;
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(mismatched).isIncompatible()).isTrue();
    }
}
