package io.outflow.config;

/** One thing wrong with a configuration, located by its key path and line. */
public record ConfigProblem(String path, String message, String file, int line) {
    @Override
    public String toString() {
        String where = line > 0 ? " (" + file + ":" + line + ")" : " (" + file + ")";
        return (path.isEmpty() ? "" : path + ": ") + message + where;
    }
}
