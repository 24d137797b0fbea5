package io.outflow.cli;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output files of the commands: '-' is stdout; parent directories are created. */
final class OutputFiles {
    private OutputFiles() {
    }

    static Writer open(Path path) throws IOException {
        if (path.toString().equals("-")) {
            // closing the result must not close stdout
            return new FilterWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    /** A path next to {@code out} with its .jsonl/.json extension replaced by {@code suffix}. */
    static Path besides(Path out, String suffix) {
        if (out.toString().equals("-")) {
            return Path.of("quarantine.jsonl");
        }
        String name = out.getFileName().toString().replaceFirst("\\.(jsonl|json|avro)$", "");
        return out.resolveSibling(name + suffix);
    }

    static String describe(Path path) {
        return path.toString().equals("-") ? "stdout" : path.toString();
    }
}
