package io.outflow.detectors.cryptomining;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code detectors.cryptomining} section. Every option, its default and its range are declared here once;
 * {@code docs/detectors/cryptomining.md} explains each.
 *
 * @param enabled whether the detector runs
 * @param window evidence is gathered and judged per window of this length (aligned to the epoch)
 * @param cooldown findings within this time after an alert revise it instead of raising a new one
 * @param revisionInterval while mining goes on, its alert is revised at most this often (sooner when a new kind of
 *     evidence appears); the windows in between widen the alert silently
 * @param minScore the combined score from which an alert is raised
 * @param mediumScore the score from which an alert is of medium severity (low below)
 * @param highScore the score from which an alert is of high severity
 * @param poolDomainScore score of a destination name (FQDN or TLS SNI) under a mining-pool domain
 * @param stratumUrlScore score of a {@code stratum+tcp://} or {@code stratum+ssl://} URL
 * @param threatIntelScore score of a threat-intelligence or IDPS hit whose description names mining
 * @param portScore score of a long-lived, low-rate connection to a bare address on a pool port
 * @param portWithLookupScore the same when the cluster's DNS proxy resolved a pool name close in time
 * @param feeds files of extra pool domains (one per line, {@code #} comments), relative to the config file
 * @param extraPoolDomains extra pool domains written in the config
 * @param excludedPoolDomains bundled entries to leave out (a name your organisation legitimately uses)
 * @param poolPorts ports miners commonly use for stratum; only these make the port evidence
 * @param minPortActivity how long a connection (its flow tuples) must go on to be long-lived
 * @param maxPortBytesPerSecond the rate (both directions) at or below which it is low-rate
 * @param activityGap tuples further apart than this start a new activity
 * @param dnsCorrelationWindow a pool name resolved this long before a port activity starts (or while it lasts)
 *     corroborates it
 * @param threatKeywords lower-case fragments that mark a threat-intel, IDPS or web-category text as mining
 * @param maxTracks (workload, destination) pairs followed per cluster; past it the least recently seen goes
 */
public record CryptominingSettings(boolean enabled, Duration window, Duration cooldown, Duration revisionInterval,
                                   double minScore,
                                   double mediumScore, double highScore, double poolDomainScore,
                                   double stratumUrlScore, double threatIntelScore, double portScore,
                                   double portWithLookupScore, List<String> feeds, List<String> extraPoolDomains,
                                   List<String> excludedPoolDomains, List<Integer> poolPorts,
                                   Duration minPortActivity, long maxPortBytesPerSecond, Duration activityGap,
                                   Duration dnsCorrelationWindow, List<String> threatKeywords, int maxTracks) {

    public static final List<Integer> DEFAULT_POOL_PORTS = List.of(3333, 3334, 3335, 3336, 3357, 4444, 5555, 5556,
            5588, 5730, 7777, 7778, 14433, 14444, 45560, 45700);
    public static final List<String> DEFAULT_THREAT_KEYWORDS = List.of("coinmin", "coin min", "cryptomin",
            "crypto min", "cryptojack", "cryptocurrency mining", "mining pool", "xmrig", "stratum");

    public static final CryptominingSettings DEFAULT = new CryptominingSettings(true, Duration.ofMinutes(5),
            Duration.ofHours(6), Duration.ofHours(1), 0.4, 0.6, 0.85, 0.9, 0.95, 0.8, 0.45, 0.75, List.of(), List.of(), List.of(),
            DEFAULT_POOL_PORTS, Duration.ofMinutes(10), 2048, Duration.ofMinutes(5), Duration.ofMinutes(10),
            DEFAULT_THREAT_KEYWORDS, 10_000);

    public CryptominingSettings {
        feeds = List.copyOf(feeds);
        extraPoolDomains = List.copyOf(extraPoolDomains);
        excludedPoolDomains = List.copyOf(excludedPoolDomains);
        poolPorts = List.copyOf(poolPorts);
        threatKeywords = List.copyOf(threatKeywords);
    }

    /** Reads the section (an empty map gives the defaults), recording every problem with its path and line. */
    public static CryptominingSettings read(ConfigNode section, ConfigProblems problems) {
        CryptominingSettings d = DEFAULT;
        boolean enabled = section.bool("enabled", d.enabled, problems);
        Duration window = section.duration("window", d.window, Duration.ofMinutes(1), problems);
        Duration cooldown = section.duration("cooldown", d.cooldown, Duration.ZERO, problems);
        Duration revisionInterval = section.duration("revisionInterval", d.revisionInterval, Duration.ZERO,
                problems);
        double minScore = section.number("minScore", d.minScore, 0.05, 1, problems);
        double medium = section.number("mediumScore", d.mediumScore, 0, 1, problems);
        double high = section.number("highScore", d.highScore, 0, 1, problems);
        double poolDomain = section.number("poolDomainScore", d.poolDomainScore, 0, 1, problems);
        double stratum = section.number("stratumUrlScore", d.stratumUrlScore, 0, 1, problems);
        double threat = section.number("threatIntelScore", d.threatIntelScore, 0, 1, problems);
        double port = section.number("portScore", d.portScore, 0, 1, problems);
        double portLookup = section.number("portWithLookupScore", d.portWithLookupScore, 0, 1, problems);
        List<String> feeds = section.strings("feeds", problems);
        List<String> extra = domains(section, "extraPoolDomains", problems);
        List<String> excluded = domains(section, "excludedPoolDomains", problems);
        List<Integer> ports = ports(section, d.poolPorts, problems);
        Duration minActivity = section.duration("minPortActivity", d.minPortActivity, Duration.ofMinutes(1),
                problems);
        long maxRate = section.longValue("maxPortBytesPerSecond", d.maxPortBytesPerSecond, 1, 1_000_000_000L,
                problems);
        Duration gap = section.duration("activityGap", d.activityGap, Duration.ofSeconds(30), problems);
        Duration dnsWindow = section.duration("dnsCorrelationWindow", d.dnsCorrelationWindow, Duration.ZERO,
                problems);
        List<String> keywords = section.get("threatKeywords") == null ? d.threatKeywords
                : lowerCase(section.strings("threatKeywords", problems));
        int maxTracks = section.integer("maxTracks", d.maxTracks, 16, 1_000_000, problems);
        if (high < medium) {
            problem(section, "highScore", "must be ≥ mediumScore (" + medium + "), got " + high, problems);
            high = medium;
        }
        if (portLookup < port) {
            problem(section, "portWithLookupScore", "must be ≥ portScore (" + port + "), got " + portLookup,
                    problems);
            portLookup = port;
        }
        for (int i = 0; i < feeds.size(); i++) {
            if (feeds.get(i).isBlank()) {
                problems.add(section.childPath("feeds") + "[" + i + "]", "must be a file path, got an empty string",
                        section.file(), lineOf(section, "feeds"));
            }
        }
        section.rejectUnknownKeys(problems);
        return new CryptominingSettings(enabled, window, cooldown, revisionInterval, minScore, medium, high,
                poolDomain, stratum, threat, port, portLookup, feeds, extra, excluded, ports, minActivity, maxRate,
                gap, dnsWindow, keywords, maxTracks);
    }

    private static List<String> domains(ConfigNode section, String key, ConfigProblems problems) {
        ConfigNode list = section.get(key);
        List<String> names = section.strings(key, problems);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            ConfigNode at = list != null && list.type() == ConfigNode.Type.LIST ? list.items().get(i) : list;
            if (name.startsWith("*.")) {
                problems.add(at, "entries already match every name under them: write '" + name.substring(2)
                        + "', got '" + names.get(i) + "'");
            } else if (InetAddresses.isInetAddress(name) || !InternetDomainName.isValid(name)
                    || !name.contains(".")) {
                problems.add(at, "must be a domain name such as pool.example.org, got '" + names.get(i) + "'");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static List<Integer> ports(ConfigNode section, List<Integer> defaults, ConfigProblems problems) {
        ConfigNode list = section.get("poolPorts");
        if (list == null || list.type() == ConfigNode.Type.NULL) {
            return defaults;
        }
        if (list.type() != ConfigNode.Type.LIST) {
            problems.add(list, "must be a list of port numbers, got " + list.describe());
            return defaults;
        }
        List<Integer> ports = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            Integer port = null;
            if (item.type() == ConfigNode.Type.SCALAR) {
                try {
                    port = Integer.parseInt(item.text().strip());
                } catch (NumberFormatException e) {
                    port = null;
                }
            }
            if (port == null || port < 1 || port > 65535) {
                problems.add(item, "must be a port number between 1 and 65535, got " + item.describe());
            } else {
                ports.add(port);
            }
        }
        return ports;
    }

    private static List<String> lowerCase(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            out.add(value.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static int lineOf(ConfigNode section, String key) {
        ConfigNode at = section.get(key);
        return at != null ? at.line() : section.line();
    }

    private static void problem(ConfigNode section, String key, String message, ConfigProblems problems) {
        ConfigNode at = section.get(key);
        if (at != null) {
            problems.add(at, message);
        } else {
            problems.add(section.childPath(key), message, section.file(), section.line());
        }
    }
}
