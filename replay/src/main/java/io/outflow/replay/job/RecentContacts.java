package io.outflow.replay.job;

import io.outflow.detectors.prevalence.Contact;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The prevalence contacts already sent on, per hour: the stage's absorb is idempotent per contact, so sending each
 * (key, source, hour) once instead of once per flow spares the shuffle most of its records. Hours before the
 * watermark's can only hold late flows, so they are forgotten as it moves.
 */
final class RecentContacts {
    private static final long HOUR = 3_600_000L;
    private final TreeMap<Integer, Set<Contact>> byHour = new TreeMap<>();

    /** True the first time a contact is seen (while its hour is remembered). */
    boolean firstTime(Contact contact) {
        return byHour.computeIfAbsent(contact.hour(), h -> new HashSet<>()).add(contact);
    }

    void forgetBefore(long watermark) {
        byHour.headMap((int) Math.floorDiv(watermark, HOUR)).clear();
    }
}
