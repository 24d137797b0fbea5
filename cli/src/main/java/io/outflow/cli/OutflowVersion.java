package io.outflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven built, read from a filtered resource so it also works from unpacked classes. */
public final class OutflowVersion implements CommandLine.IVersionProvider {
    public static String current() {
        try (InputStream in = OutflowVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"outflow " + current()};
    }
}
