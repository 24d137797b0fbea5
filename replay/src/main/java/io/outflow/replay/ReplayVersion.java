package io.outflow.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven built this module with (the job jar's, when it runs on a Flink cluster). */
public final class ReplayVersion {
    private ReplayVersion() {
    }

    public static String current() {
        try (InputStream in = ReplayVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
