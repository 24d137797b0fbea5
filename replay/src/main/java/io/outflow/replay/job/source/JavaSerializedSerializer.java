package io.outflow.replay.job.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/** Java serialization for the source's split and enumerator state: small, and read by the same code that wrote it. */
final class JavaSerializedSerializer<T extends Serializable> implements SimpleVersionedSerializer<T> {
    private final Class<T> type;

    JavaSerializedSerializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(T value) throws IOException {
        return InstantiationUtil.serializeObject(value);
    }

    @Override
    public T deserialize(int version, byte[] bytes) throws IOException {
        try {
            return type.cast(InstantiationUtil.deserializeObject(bytes, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read " + type.getSimpleName(), e);
        }
    }
}
