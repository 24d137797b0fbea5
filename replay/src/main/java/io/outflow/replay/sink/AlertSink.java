package io.outflow.replay.sink;

import io.outflow.schemas.Alert;
import java.io.IOException;

/**
 * Where a replay's alerts go. It receives every revision as it is raised (a stream, such as Sentinel's Logs
 * Ingestion API, forwards each one); a file keeps one line per {@code alertId}, its last revision, and writes at
 * {@link #finish()}. Opened by an {@link AlertSinkFactory} where the job runs.
 */
public interface AlertSink extends AutoCloseable {

    void write(Alert alert) throws IOException;

    /** The end of the input: nothing more will come. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;
}
