package io.outflow.detectors.settings;

import com.google.common.net.InetAddresses;

/**
 * An address range in CIDR form ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or a single address (a /32 or /128).
 * Parsed without DNS. Host bits must be zero ({@code 10.0.0.5/24} is refused with the network it probably meant).
 *
 * @param text the canonical form
 * @param network the network address bytes
 * @param prefix the prefix length
 */
public record AddressBlock(String text, byte[] network, int prefix) {

    public static AddressBlock parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("must be an address or CIDR range such as 203.0.113.0/24, got '" + text
                    + "'");
        }
        byte[] bytes = InetAddresses.forString(address).getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length must be 0 to " + bits + ", got '" + text + "'");
            }
        }
        byte[] network = mask(bytes, prefix);
        if (!java.util.Arrays.equals(network, bytes)) {
            String meant = format(network) + "/" + prefix;
            throw new IllegalArgumentException("has host bits set: did you mean " + meant + "? got '" + text + "'");
        }
        String canonical = InetAddresses.toAddrString(InetAddresses.forString(address)) + "/" + prefix;
        return new AddressBlock(canonical, network, prefix);
    }

    /** Whether an address (text) lies in the range; false for anything that is not an address. */
    public boolean contains(String ip) {
        if (ip == null || !InetAddresses.isInetAddress(ip)) {
            return false;
        }
        byte[] bytes = InetAddresses.forString(ip).getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    /** Address text of raw bytes (no lookup: the bytes are the address). */
    private static String format(byte[] bytes) {
        try {
            return InetAddresses.toAddrString(java.net.InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address has 4 or 16 bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressBlock other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
