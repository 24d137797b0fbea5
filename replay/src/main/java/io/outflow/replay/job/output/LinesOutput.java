package io.outflow.replay.job.output;

import io.outflow.replay.sink.FileTarget;
import io.outflow.replay.sink.Lines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A JSON Lines file written in arrival order by one writer; created (possibly empty) when the job starts. */
public final class LinesOutput<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final FileTarget target;
    private final Lines.Format<T> format;

    public LinesOutput(FileTarget target, Lines.Format<T> format) {
        this.target = target;
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer();
    }

    @Override
    @Deprecated
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return new Writer();
    }

    private final class Writer implements SinkWriter<T> {
        private final BufferedWriter out =
                new BufferedWriter(new OutputStreamWriter(target.create(), StandardCharsets.UTF_8), 1 << 16);

        Writer() throws IOException {
        }

        @Override
        public void write(T value, Context context) throws IOException {
            out.write(format.line(value));
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
