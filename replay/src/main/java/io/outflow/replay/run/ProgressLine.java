package io.outflow.replay.run;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The live progress line on a terminal: records, rate, bytes left and ETA, rewritten in place. Silent when stderr is
 * not a terminal, so logs and CI output stay clean.
 */
public final class ProgressLine {
    private final PrintStream err;
    private final long totalBytes;
    private final boolean enabled;
    private int width;

    public ProgressLine(PrintStream err, long totalBytes, boolean enabled) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.enabled = enabled;
    }

    /** Whether this process writes to a terminal, where the line belongs. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void update(long records, long bytesRead, Duration elapsed) {
        if (!enabled) {
            return;
        }
        String line = format(records, bytesRead, totalBytes, elapsed);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    public void clear() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    /** The line itself: what a terminal shows. */
    static String format(long records, long bytesRead, long totalBytes, Duration elapsed) {
        double seconds = Math.max(1e-3, elapsed.toMillis() / 1000.0);
        double rate = records / seconds;
        double bytesRate = bytesRead / seconds;
        long left = Math.max(0, totalBytes - bytesRead);
        String eta = bytesRate > 0 ? formatDuration(Duration.ofSeconds((long) Math.ceil(left / bytesRate))) : "?";
        return String.format("replay: %,d records, %,.0f/s, %s left of %s, ETA %s", records, rate, megabytes(left),
                megabytes(totalBytes), eta);
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    static String formatDuration(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
