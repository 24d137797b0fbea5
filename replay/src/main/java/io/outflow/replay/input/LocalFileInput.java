package io.outflow.replay.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file on a local (or mounted) file system. */
public record LocalFileInput(String path, long size) implements InputSource {

    public static LocalFileInput of(Path file) throws IOException {
        return new LocalFileInput(file.toString(), Files.size(file));
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(Path.of(path));
    }
}
