package io.outflow.schemas.net;

/**
 * An address range written {@code 10.244.0.0/16} or {@code fd00:10:244::/56}. IPv4 prefixes are kept as their
 * IPv4-mapped IPv6 equivalent (prefix + 96), so one containment test serves both families. A range holds addresses
 * of its own family only: {@code ::/0} is every IPv6 address, not every IPv4 one too.
 */
public final class Cidr {
    private final IpAddress network;
    private final int prefix; // of the 128-bit form
    private final boolean v4;
    private final long maskHigh;
    private final long maskLow;

    private Cidr(IpAddress network, int prefix, boolean v4) {
        this.network = network;
        this.prefix = prefix;
        this.v4 = v4;
        this.maskHigh = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        this.maskLow = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    /** A range from its text; the address may have host bits set (see {@link #hasHostBits}). Null when invalid. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            return null;
        }
        IpAddress address = IpAddress.parse(s.substring(0, slash));
        if (address == null) {
            return null;
        }
        String bits = s.substring(slash + 1);
        if (bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int length = Integer.parseInt(bits);
        boolean writtenV4 = s.indexOf(':') < 0;
        if (length > (writtenV4 ? 32 : 128)) {
            return null;
        }
        int prefix = writtenV4 ? length + 96 : length;
        // ::ffff:10.0.0.0/104 is 10.0.0.0/8
        return new Cidr(address, prefix, address.isV4() && prefix >= 96);
    }

    /** A single address as a range of one. */
    public static Cidr of(IpAddress address) {
        return new Cidr(address, 128, address.isV4());
    }

    public boolean contains(IpAddress address) {
        return address.isV4() == v4 && ((address.high() ^ network.high()) & maskHigh) == 0
                && ((address.low() ^ network.low()) & maskLow) == 0;
    }

    /** Whether the two ranges share at least one address (never when their families differ). */
    public boolean overlaps(Cidr other) {
        return prefix <= other.prefix ? contains(other.network) : other.contains(network);
    }

    /** True when the text named an address inside the range rather than its first address. */
    public boolean hasHostBits() {
        return (network.high() & ~maskHigh) != 0 || (network.low() & ~maskLow) != 0;
    }

    /** The range with host bits cleared. */
    public Cidr normalized() {
        if (!hasHostBits()) {
            return this;
        }
        return new Cidr(IpAddress.of(network.high() & maskHigh, network.low() & maskLow), prefix, v4);
    }

    public IpAddress network() {
        return network;
    }

    /** The prefix length as written ({@code 16} for {@code 10.244.0.0/16}). */
    public int prefixLength() {
        return v4 ? prefix - 96 : prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && c.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 131 + prefix;
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength();
    }
}
