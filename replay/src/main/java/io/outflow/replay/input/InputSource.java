package io.outflow.replay.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * One input file of a replay: a local file or a blob. Sources travel inside the Flink job (they are opened where the
 * source reader runs), so they hold names and locations only, never credentials.
 */
public interface InputSource extends Serializable {

    /** The name that quarantine entries and summaries show, and the tie-breaker of the event-time merge. */
    String name();

    /** Size in bytes (compressed size for .gz), for progress and ETA. */
    long size();

    /** Opens the raw bytes; the caller closes the stream. */
    InputStream open() throws IOException;
}
