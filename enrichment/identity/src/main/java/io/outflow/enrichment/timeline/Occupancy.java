package io.outflow.enrichment.timeline;

import io.outflow.enrichment.address.AddressMap;
import io.outflow.schemas.net.IpAddress;
import java.util.Arrays;

/**
 * Per address of one cluster, its occupants sorted by {@link Occupant#order}: one occupant is stored bare, several
 * as an array. An occupant answers for [from, min(to, next occupant's from)): the start of another owner of the
 * same address ends the previous one, whatever its own end says.
 */
final class Occupancy {
    private final AddressMap<Object> byAddress = new AddressMap<>();

    void add(IpAddress address, Occupant occupant) {
        Object slot = byAddress.get(address);
        if (slot == null) {
            byAddress.put(address, occupant);
            return;
        }
        Occupant[] current = slot instanceof Occupant one ? new Occupant[] {one} : (Occupant[]) slot;
        int at = current.length;
        while (at > 0 && Occupant.order(current[at - 1], occupant) > 0) {
            at--;
        }
        Occupant[] grown = new Occupant[current.length + 1];
        System.arraycopy(current, 0, grown, 0, at);
        grown[at] = occupant;
        System.arraycopy(current, at, grown, at + 1, current.length - at);
        byAddress.put(address, grown);
    }

    /** Removes this very occupant (by identity) from the address. */
    void remove(IpAddress address, Occupant occupant) {
        Object slot = byAddress.get(address);
        if (slot == null) {
            return;
        }
        if (slot instanceof Occupant one) {
            if (one == occupant) {
                byAddress.remove(address);
            }
            return;
        }
        Occupant[] current = (Occupant[]) slot;
        int at = -1;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == occupant) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return;
        }
        if (current.length == 2) {
            byAddress.put(address, current[1 - at]);
            return;
        }
        Occupant[] shrunk = new Occupant[current.length - 1];
        System.arraycopy(current, 0, shrunk, 0, at);
        System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
        byAddress.put(address, shrunk);
    }

    boolean has(IpAddress address) {
        return byAddress.get(address) != null;
    }

    /** The raw slot for the lookup path: null, an {@link Occupant} or a sorted {@code Occupant[]}. */
    Object slot(long high, long low) {
        return byAddress.get(high, low);
    }

    /** The end this occupant is answered for at {@code address}; {@link Times#UNKNOWN} when it is not there. */
    long effectiveEnd(IpAddress address, Occupant occupant) {
        Object slot = byAddress.get(address);
        if (slot == occupant) {
            return occupant.to();
        }
        if (!(slot instanceof Occupant[] all)) {
            return Times.UNKNOWN;
        }
        for (int i = 0; i < all.length; i++) {
            if (all[i] == occupant) {
                return i + 1 < all.length ? Math.min(occupant.to(), all[i + 1].from()) : occupant.to();
            }
        }
        return Times.UNKNOWN;
    }

    int addresses() {
        return byAddress.size();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        byAddress.forEachValue(v -> out.append(v instanceof Occupant[] a ? Arrays.toString(a) : v).append('\n'));
        return out.toString();
    }
}
