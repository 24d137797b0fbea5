package io.outflow.ingest;

import java.util.List;

/** The parser of every supported log family. */
public final class LogFamilies {
    private LogFamilies() {
    }

    public static List<RecordParser> parsers() {
        return List.of(
        );
    }
}
