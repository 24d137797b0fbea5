package io.outflow.detectors.prevalence;

/**
 * All the prevalence stage keeps of a flow: its key ({@code cluster|destination}), its source entity and the hour
 * (since the epoch, UTC) it happened in. Absorbing is idempotent per contact, so an engine may drop repeats of a
 * contact it already passed on (many flows of one hour give one contact) before shipping it to the stage's key.
 */
public record Contact(String key, String source, int hour) {
}
