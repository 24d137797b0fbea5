package io.outflow.replay.job.output;

import io.outflow.replay.sink.AlertSink;
import io.outflow.replay.sink.AlertSinkFactory;
import io.outflow.schemas.Alert;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Runs an {@link AlertSink} as a Flink sink: every revision in, {@link AlertSink#finish()} at the end of input. */
public final class AlertOutput implements Sink<Alert> {
    private static final long serialVersionUID = 1L;

    private final AlertSinkFactory factory;

    public AlertOutput(AlertSinkFactory factory) {
        this.factory = factory;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        return new Writer(factory.open());
    }

    @Override
    @Deprecated
    public SinkWriter<Alert> createWriter(InitContext context) throws IOException {
        return new Writer(factory.open());
    }

    private static final class Writer implements SinkWriter<Alert> {
        private final AlertSink sink;
        private boolean finished;

        Writer(AlertSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(Alert alert, Context context) throws IOException {
            sink.write(alert);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (endOfInput && !finished) {
                finished = true;
                sink.finish();
            }
        }

        @Override
        public void close() throws IOException {
            sink.close();
        }
    }
}
