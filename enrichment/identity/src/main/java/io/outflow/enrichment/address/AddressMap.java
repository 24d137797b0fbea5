package io.outflow.enrichment.address;

import io.outflow.schemas.net.IpAddress;
import java.util.function.Consumer;

/**
 * A map from IP addresses to values that costs about 11 bytes per IPv4 entry: IPv4 keys sit in an {@code int}
 * table, IPv6 keys in a {@link WideKeyTable}. Values are never null. Not thread-safe.
 */
public final class AddressMap<V> {
    private static final int MIN_CAPACITY = 16;

    private int[] keys4 = new int[MIN_CAPACITY];
    private Object[] values4 = new Object[MIN_CAPACITY];
    private int size4;
    private final WideKeyTable<V> wide = new WideKeyTable<>();

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public V get(IpAddress address) {
        return get(address.high(), address.low());
    }

    @SuppressWarnings("unchecked")
    public V get(long high, long low) {
        if (!IpAddress.isV4(high, low)) {
            return wide.get(high, low);
        }
        int key = (int) low;
        int mask = values4.length - 1;
        int i = mix(key) & mask;
        Object v;
        while ((v = values4[i]) != null) {
            if (keys4[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    public boolean containsKey(IpAddress address) {
        return get(address) != null;
    }

    @SuppressWarnings("unchecked")
    public V put(IpAddress address, V value) {
        if (!address.isV4()) {
            return wide.put(address.high(), address.low(), value);
        }
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        if ((size4 + 1) * 4L > values4.length * 3L) {
            grow4();
        }
        int key = address.v4();
        int mask = values4.length - 1;
        int i = mix(key) & mask;
        Object v;
        while ((v = values4[i]) != null) {
            if (keys4[i] == key) {
                values4[i] = value;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        keys4[i] = key;
        values4[i] = value;
        size4++;
        return null;
    }

    @SuppressWarnings("unchecked")
    public V remove(IpAddress address) {
        if (!address.isV4()) {
            return wide.remove(address.high(), address.low());
        }
        int key = address.v4();
        int mask = values4.length - 1;
        int i = mix(key) & mask;
        Object v;
        while ((v = values4[i]) != null) {
            if (keys4[i] == key) {
                shiftBack(i, mask);
                size4--;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole, int mask) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values4[i] == null) {
                break;
            }
            int home = mix(keys4[i]) & mask;
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                keys4[hole] = keys4[i];
                values4[hole] = values4[i];
                hole = i;
            }
        }
        values4[hole] = null;
        keys4[hole] = 0;
    }

    private void grow4() {
        int[] oldKeys = keys4;
        Object[] oldValues = values4;
        keys4 = new int[oldKeys.length * 2];
        values4 = new Object[oldKeys.length * 2];
        int mask = values4.length - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = mix(oldKeys[j]) & mask;
                while (values4[i] != null) {
                    i = (i + 1) & mask;
                }
                keys4[i] = oldKeys[j];
                values4[i] = oldValues[j];
            }
        }
    }

    public int size() {
        return size4 + wide.size();
    }

    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<V> action) {
        for (Object v : values4) {
            if (v != null) {
                action.accept((V) v);
            }
        }
        wide.forEachValue(action);
    }
}
