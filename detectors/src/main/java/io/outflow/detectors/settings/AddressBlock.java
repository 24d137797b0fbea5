package io.outflow.detectors.settings;

import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;

/**
 * An address range in CIDR form ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or a single address (a /32 or /128).
 * Host bits must be zero ({@code 10.0.0.5/24} is refused with the network it probably meant).
 *
 * @param range the range; its text is the canonical form
 */
public record AddressBlock(Cidr range) {

    public static AddressBlock parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("must be an address or CIDR range such as 203.0.113.0/24, got '" + text
                    + "'");
        }
        Cidr range = slash < 0 ? Cidr.of(address) : Cidr.parse(t);
        if (range == null) {
            throw new IllegalArgumentException("prefix length must be 0 to " + (t.indexOf(':') < 0 ? 32 : 128)
                    + ", got '" + text + "'");
        }
        if (range.hasHostBits()) {
            throw new IllegalArgumentException("has host bits set: did you mean " + range.normalized() + "? got '"
                    + text + "'");
        }
        return new AddressBlock(range);
    }

    /** Whether an address (text) lies in the range; false for anything that is not an address. */
    public boolean contains(String ip) {
        IpAddress address = IpAddress.parse(ip);
        return address != null && range.contains(address);
    }

    /** The canonical form, e.g. {@code 198.51.100.7/32}. */
    public String text() {
        return range.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
