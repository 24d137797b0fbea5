package io.outflow.replay.job.types;

import io.outflow.detectors.prevalence.Contact;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.replay.job.KeyedFlow;
import io.outflow.detectors.run.LateFlow;
import io.outflow.replay.order.ReplayItem;
import io.outflow.schemas.Alert;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of every stream of the replay job. */
public final class ReplayTypes {
    public static final TypeInformation<ReplayItem> ITEM =
            new SerializerTypeInfo<>(ReplayItem.class, new ReplayItemSerializer());
    public static final TypeInformation<KeyedFlow> KEYED_FLOW =
            new SerializerTypeInfo<>(KeyedFlow.class, new KeyedFlowSerializer());
    public static final TypeInformation<LateFlow> LATE_FLOW =
            new SerializerTypeInfo<>(LateFlow.class, new LateFlowSerializer());
    public static final TypeInformation<QuarantineEntry> QUARANTINE =
            new SerializerTypeInfo<>(QuarantineEntry.class, new QuarantineEntrySerializer());
    public static final TypeInformation<Contact> CONTACT =
            new SerializerTypeInfo<>(Contact.class, new ContactSerializer());
    public static final TypeInformation<Alert> ALERT =
            new SerializerTypeInfo<>(Alert.class, new AvroRecordSerializer<>(Alert.class));

    private ReplayTypes() {
    }
}
