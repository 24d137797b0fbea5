package io.outflow.replay.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes Azure Firewall network-rule records as Event Hubs bodies ({"records":[...]}), one body per line. */
public final class FirewallLines {
    private static final String FIREWALL = "/SUBSCRIPTIONS/00000000-0000-4000-8000-000000000001/RESOURCEGROUPS/"
            + "RG-TEST/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-TEST";

    private FirewallLines() {
    }

    /** One network-rule record of a connection from {@code sourceIp} at {@code time}. */
    public static String record(Instant time, String sourceIp, String destinationIp, int destinationPort,
                                int sourcePort) {
        return "{\"category\":\"AZFWNetworkRule\",\"time\":\"" + time + "\",\"resourceId\":\"" + FIREWALL
                + "\",\"properties\":{\"Action\":\"Allow\",\"Protocol\":\"TCP\",\"SourceIp\":\"" + sourceIp
                + "\",\"SourcePort\":" + sourcePort + ",\"DestinationIp\":\"" + destinationIp
                + "\",\"DestinationPort\":" + destinationPort + ",\"Policy\":\"pol\",\"Rule\":\"r\"}}";
    }

    /** A body holding the given records. */
    public static String body(List<String> records) {
        return "{\"records\":[" + String.join(",", records) + "]}";
    }

    /** Writes one body per record, one per line; gzip when the name ends in .gz. */
    public static Path write(Path file, List<String> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String record : records) {
            lines.add(body(List.of(record)));
        }
        return writeLines(file, lines);
    }

    public static Path writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        return file;
    }
}
