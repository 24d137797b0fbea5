package io.outflow.replay.job.output;

import io.outflow.replay.sink.FileTarget;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** {@code --out -}: the alerts on the standard output of the process that runs the sink (the CLI, when embedded). */
public record StandardOutput() implements FileTarget {

    @Override
    public OutputStream create() {
        // closing the alerts must not close stdout
        return new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    @Override
    public String describe() {
        return "stdout";
    }
}
