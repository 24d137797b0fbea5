package io.outflow.enrichment.history;

import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.PodState;
import io.outflow.schemas.net.IpAddress;

/**
 * Keeps, of a history, what can bear on one address: the pods that held it (as pod or host address), and every
 * node, ReplicaSet and Job (owners and node ranges are small and needed to name the workload). A pod that never
 * held the address cannot change who held it, so the answer is the same as with the whole history; {@code whois}
 * uses this to read a large file fast.
 */
public final class AddressFilter {
    private static final BytePattern POD_IP_KEY = new BytePattern("\"podIP");
    private static final BytePattern KIND_KEY = new BytePattern("\"kind\"");

    private final IpAddress address;
    private final BytePattern text; // the dotted quad, for IPv4 (IPv6 has several spellings: no byte test)

    private AddressFilter(IpAddress address) {
        this.address = address;
        this.text = address.isV4() ? new BytePattern(address.toString()) : null;
    }

    public static AddressFilter forAddress(IpAddress address) {
        return new AddressFilter(address);
    }

    /**
     * A cheap test on a document's bytes: false only for a pod document (it has a {@code "podIP} key, or a
     * {@code "kind"} whose value is {@code "Pod"}) that does not mention the address at all.
     */
    boolean mayConcern(byte[] buffer, int offset, int length) {
        if (text == null || text.find(buffer, offset, offset + length) >= 0) {
            return true;
        }
        return POD_IP_KEY.find(buffer, offset, offset + length) < 0 && !kindIsPod(buffer, offset, offset + length);
    }

    /** Whether some {@code "kind"} key of the document has the value {@code "Pod"}. */
    static boolean kindIsPod(byte[] buffer, int from, int to) {
        int at = from;
        while ((at = KIND_KEY.find(buffer, at, to)) >= 0) {
            int i = at + 6;
            while (i < to && (buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r' || buffer[i] == '\n')) {
                i++;
            }
            if (i < to && buffer[i] == ':') {
                i++;
                while (i < to && (buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r' || buffer[i] == '\n')) {
                    i++;
                }
                if (i + 5 <= to && buffer[i] == '"' && buffer[i + 1] == 'P' && buffer[i + 2] == 'o'
                        && buffer[i + 3] == 'd' && buffer[i + 4] == '"') {
                    return true;
                }
            }
            at = i;
        }
        return false;
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
}
