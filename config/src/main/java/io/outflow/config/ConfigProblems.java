package io.outflow.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a configuration, so that one run reports them all instead of the first. */
public final class ConfigProblems {
    private final List<ConfigProblem> problems = new ArrayList<>();

    public void add(ConfigNode at, String message) {
        problems.add(new ConfigProblem(at.path(), message, at.file(), at.line()));
    }

    public void add(String path, String message, String file, int line) {
        problems.add(new ConfigProblem(path, message, file, line));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ConfigProblem> all() {
        return List.copyOf(problems);
    }

    /** Throws when any problem was found. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(all());
        }
    }
}
