package io.outflow.detectors.settings;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.cryptomining.CryptominingSettings;
import io.outflow.detectors.cryptomining.MiningPools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads mining-pool lists: the bundled, versioned {@code mining-pools.txt} of the cryptomining package and the feed
 * files operators name in {@code detectors.cryptomining.feeds}. A list has one domain per line; {@code #} starts a
 * comment (in the bundled list: the entry's source and reason); a line {@code # version: X} names the version.
 */
public final class MiningPoolLists {
    static final String BUNDLED = "/io/outflow/detectors/cryptomining/mining-pools.txt";

    private MiningPoolLists() {
    }

    /** The bundled list alone. */
    public static MiningPools bundled() {
        List<MiningPools.Entry> entries = new ArrayList<>();
        String version = read(bundledText(), "bundled", entries, null, null);
        return new MiningPools(entries, version);
    }

    /**
     * The effective list: bundled entries, then feed files (paths relative to {@code baseDir}), then
     * {@code extraPoolDomains}, minus {@code excludedPoolDomains}. Problems name the feed's key path, file and line.
     */
    public static MiningPools effective(CryptominingSettings settings, Path baseDir, ConfigProblems problems) {
        List<MiningPools.Entry> entries = new ArrayList<>();
        String version = read(bundledText(), "bundled", entries, null, null);
        for (int i = 0; i < settings.feeds().size(); i++) {
            String feed = settings.feeds().get(i);
            if (feed.isBlank()) {
                continue;
            }
            Path file = baseDir == null ? Path.of(feed) : baseDir.resolve(feed);
            String keyPath = "detectors.cryptomining.feeds[" + i + "]";
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(keyPath, "cannot read the feed " + file + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), file.toString(), 0);
                continue;
            }
            read(text, "feed:" + file.getFileName(), entries, problems, keyPath + "|" + file);
        }
        for (String domain : settings.extraPoolDomains()) {
            entries.add(new MiningPools.Entry(domain, "config:extraPoolDomains"));
        }
        Set<String> excluded = new HashSet<>(settings.excludedPoolDomains());
        entries.removeIf(e -> excluded.contains(e.domain().toLowerCase(Locale.ROOT)));
        return new MiningPools(entries, version);
    }

    private static String bundledText() {
        try (InputStream in = MiningPoolLists.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUNDLED);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one list into {@code entries}; returns its version (or "unversioned"). */
    private static String read(String text, String source, List<MiningPools.Entry> entries, ConfigProblems problems,
                               String where) {
        String version = "unversioned";
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            String comment = hash < 0 ? "" : line.substring(hash + 1).strip();
            String domain = (hash < 0 ? line : line.substring(0, hash)).strip().toLowerCase(Locale.ROOT);
            if (comment.startsWith("version:") && domain.isEmpty()) {
                version = comment.substring("version:".length()).strip();
                continue;
            }
            if (domain.isEmpty()) {
                continue;
            }
            if (domain.startsWith("*.")) {
                domain = domain.substring(2);
            }
            if (InetAddresses.isInetAddress(domain) || !InternetDomainName.isValid(domain) || !domain.contains(".")) {
                if (problems == null) {
                    throw new IllegalStateException("bundled list line " + (n + 1) + " is not a domain: " + line);
                }
                int bar = where.indexOf('|');
                problems.add(where.substring(0, bar), "line " + (n + 1) + " is not a domain name: '" + line.strip()
                        + "'", where.substring(bar + 1), n + 1);
                continue;
            }
            entries.add(new MiningPools.Entry(domain, comment.isEmpty() ? source : source + ": " + comment));
        }
        return version;
    }
}
