package io.outflow.replay.job.types;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.replay.job.DetectorState;
import io.outflow.replay.job.DetectorSuite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Detector (and prevalence stage) state in their own evolvable binary form ({@link StateCodec}), for savepoints and spilling state
 * backends. With the heap backend of a bounded replay the state is kept as objects and this runs only on snapshots.
 */
public final class DetectorStateSerializer extends TypeSerializer<DetectorState> {
    private static final long serialVersionUID = 1L;

    private final DetectorSuite suite;
    private transient List<StateCodec<?>> codecs;

    public DetectorStateSerializer(DetectorSuite suite) {
        this.suite = suite;
    }

    /** The codec of a slot: a detector's, or the prevalence stage's in the slot after the last detector. */
    @SuppressWarnings("unchecked")
    private StateCodec<Object> codec(int slot) {
        if (codecs == null) {
            List<StateCodec<?>> all = new ArrayList<>();
            suite.detectors().forEach(d -> all.add(d.stateCodec()));
            DestinationPrevalence prevalence = suite.prevalence();
            if (prevalence != null) {
                all.add(prevalence.stateCodec());
            }
            codecs = all;
        }
        return (StateCodec<Object>) codecs.get(slot);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<DetectorState> duplicate() {
        return new DetectorStateSerializer(suite);
    }

    @Override
    public DetectorState createInstance() {
        return null;
    }

    @Override
    public DetectorState copy(DetectorState from) {
        if (from == null) {
            return null;
        }
        StateCodec<Object> codec = codec(from.detector());
        return new DetectorState(from.detector(), codec.decode(codec.encode(from.state())));
    }

    @Override
    public DetectorState copy(DetectorState from, DetectorState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DetectorState value, DataOutputView target) throws IOException {
        byte[] bytes = codec(value.detector()).encode(value.state());
        target.writeShort(value.detector());
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public DetectorState deserialize(DataInputView source) throws IOException {
        int detector = source.readShort();
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return new DetectorState(detector, codec(detector).decode(bytes));
    }

    @Override
    public DetectorState deserialize(DetectorState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeShort(source.readShort());
        int length = source.readInt();
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        target.writeInt(length);
        target.write(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorStateSerializer;
    }

    @Override
    public int hashCode() {
        return DetectorStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<DetectorState> snapshotConfiguration() {
        return new Snapshot(suite);
    }

    /**
     * Keeps the suite (configuration, not state), so that a restore builds the same codecs. The codecs themselves
     * read older state formats, so any suite restores as is.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<DetectorState> {
        private DetectorSuite suite;

        public Snapshot() {
        }

        Snapshot(DetectorSuite suite) {
            this.suite = suite;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            byte[] bytes = InstantiationUtil.serializeObject(suite);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            try {
                suite = InstantiationUtil.deserializeObject(bytes, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot restore the detector suite", e);
            }
        }

        @Override
        public TypeSerializer<DetectorState> restoreSerializer() {
            return new DetectorStateSerializer(suite);
        }

        @Override
        public TypeSerializerSchemaCompatibility<DetectorState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<DetectorState> oldSnapshot) {
            return oldSnapshot instanceof Snapshot ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
