package io.outflow.replay.sink;

import java.io.IOException;
import java.io.Serializable;

/** Opens an {@link AlertSink} where the job runs; travels inside the job, so it holds locations, never secrets. */
public interface AlertSinkFactory extends Serializable {

    AlertSink open() throws IOException;

    /** Where the alerts go, for the summary. */
    String describe();
}
