package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every change a source delivers, and waits for the ones a test expects. */
final class RecordingSink implements IdentityChangeSink {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final List<IdentityChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public void accept(IdentityChange change) {
        changes.add(change);
    }

    List<IdentityChange> changes() {
        return List.copyOf(changes);
    }

    /** Waits until a change matches, and returns the first that does. */
    IdentityChange awaitChange(String description, Predicate<IdentityChange> match) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (IdentityChange change : changes) {
                if (match.test(change)) {
                    return change;
                }
            }
            pause();
        }
        throw new AssertionError("no change " + description + " within " + PATIENCE + "; got:\n" + summary());
    }

    IdentityChange await(ChangeType type, String name) {
        return awaitChange(type + " of " + name, c -> c.getChangeType() == type && c.getName().equals(name));
    }

    /** Waits until a pod change shows this address. */
    IdentityChange awaitPodIp(String name, String ip) {
        return awaitChange("of " + name + " with " + ip, c -> c.getName().equals(name) && c.getPod() != null
                && c.getPod().getIps().contains(ip));
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        for (IdentityChange change : changes) {
            text.append("  ").append(change.getChangeType()).append(' ').append(change.getObjectKind()).append(' ')
                    .append(change.getNamespace()).append('/').append(change.getName()).append(" rv=")
                    .append(change.getResourceVersion()).append('\n');
        }
        return text.toString();
    }

    static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void awaitTrue(String description, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + PATIENCE + ": " + description);
            }
            pause();
        }
    }
}
