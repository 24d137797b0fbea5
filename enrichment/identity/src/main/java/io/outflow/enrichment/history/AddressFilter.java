package io.outflow.enrichment.history;

import io.outflow.enrichment.address.IpAddress;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.PodState;
import java.nio.charset.StandardCharsets;

/**
 * Keeps, of a history, what can bear on one address: the pods that held it (as pod or host address), and every
 * node, ReplicaSet and Job (owners and node ranges are small and needed to name the workload). A pod that never
 * held the address cannot change who held it, so the answer is the same as with the whole history; {@code whois}
 * uses this to read a large file fast.
 */
public final class AddressFilter {
    private static final byte[] POD_IP_KEY = "\"podIP".getBytes(StandardCharsets.US_ASCII);

    private final IpAddress address;
    private final byte[] text; // the dotted quad, for IPv4 (IPv6 has several spellings: no byte test)

    private AddressFilter(IpAddress address) {
        this.address = address;
        this.text = address.isV4() ? address.toString().getBytes(StandardCharsets.US_ASCII) : null;
    }

    public static AddressFilter forAddress(IpAddress address) {
        return new AddressFilter(address);
    }

    /**
     * A cheap test on a document's bytes: false only for a pod document (it has a {@code "podIP} key) that does
     * not mention the address at all.
     */
    boolean mayConcern(byte[] buffer, int offset, int length) {
        if (text == null) {
            return true;
        }
        return indexOf(buffer, offset, length, text) >= 0 || indexOf(buffer, offset, length, POD_IP_KEY) < 0;
    }

    /** The exact test on a change. */
    boolean keeps(IdentityChange change) {
        if (change.getObjectKind() != ObjectKind.POD) {
            return true;
        }
        PodState pod = change.getPod();
        if (pod == null) {
            return false;
        }
        if (address.equals(IpAddress.parse(pod.getHostIp()))) {
            return true;
        }
        for (String ip : pod.getIps()) {
            if (address.equals(IpAddress.parse(ip))) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] buffer, int offset, int length, byte[] needle) {
        int end = offset + length - needle.length;
        byte first = needle[0];
        outer:
        for (int i = offset; i <= end; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (buffer[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
