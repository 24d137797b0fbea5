package io.outflow.replay.job.output;

import io.outflow.replay.sink.FileTarget;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A file created through Flink's file systems: a local path for the embedded cluster, or any scheme the cluster has a
 * plugin for ({@code abfss://} with {@code flink-azure-fs-hadoop}) when the job runs on a Flink cluster.
 */
public record FlinkFileTarget(String uri) implements FileTarget {

    @Override
    public OutputStream create() throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem();
        Path parent = path.getParent();
        if (parent != null && !fs.exists(parent)) {
            fs.mkdirs(parent);
        }
        return fs.create(path, FileSystem.WriteMode.OVERWRITE);
    }

    @Override
    public String describe() {
        return uri;
    }
}
