package io.outflow.detectors.settings;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * A domain in an allowlist. Two forms, nothing else:
 * <ul>
 *   <li>{@code example.com}: exactly that name;</li>
 *   <li>{@code *.example.com}: every name under it ({@code a.example.com}, {@code a.b.example.com}), <b>not</b>
 *       {@code example.com} itself. To allow the apex and its subdomains, list both.</li>
 * </ul>
 * Names compare case-insensitively, without a trailing dot. A wildcard over a public suffix ({@code *.com},
 * {@code *.co.uk}) is refused: it would allow most of the internet.
 *
 * @param text what the configuration said
 * @param base the name (without {@code *.}), lower case
 * @param subdomainsOnly true for the {@code *.} form
 */
public record DomainPattern(String text, String base, boolean subdomainsOnly) {

    /** Parses a pattern, or throws {@link IllegalArgumentException} with the reason (a validation message). */
    public static DomainPattern parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        boolean wildcard = t.startsWith("*.");
        String base = wildcard ? t.substring(2) : t;
        if (base.contains("*")) {
            throw new IllegalArgumentException("must be a name (example.com) or '*.' and a name (*.example.com, "
                    + "subdomains only); '*' is allowed only as the first label, got '" + text + "'");
        }
        if (InetAddresses.isInetAddress(base)) {
            throw new IllegalArgumentException("is an address: list it under cidrs, got '" + text + "'");
        }
        if (base.isEmpty() || !InternetDomainName.isValid(base)) {
            throw new IllegalArgumentException("must be a domain name such as api.example.com or *.example.com, got '"
                    + text + "'");
        }
        if (wildcard && InternetDomainName.from(base).isPublicSuffix()) {
            throw new IllegalArgumentException("'" + text + "' would allow every name under the public suffix '"
                    + base + "'; name the domain (*.example." + base + ")");
        }
        return new DomainPattern(text.strip(), base, wildcard);
    }

    /** Whether a destination name falls under this pattern. */
    public boolean matches(String fqdn) {
        if (fqdn == null) {
            return false;
        }
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (subdomainsOnly) {
            return name.length() > base.length() + 1 && name.endsWith(base)
                    && name.charAt(name.length() - base.length() - 1) == '.';
        }
        return name.equals(base);
    }

    @Override
    public String toString() {
        return subdomainsOnly ? "*." + base : base;
    }
}
