package io.outflow.replay.cli;

/** Bad usage or an invalid configuration: exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
