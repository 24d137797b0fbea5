package io.outflow.replay.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/** An output file that can be created where the job runs (a local path, or a cluster file system's URI). */
public interface FileTarget extends Serializable {

    /** Creates (or replaces) the file. */
    OutputStream create() throws IOException;

    String describe();
}
