package io.outflow.detectors.prevalence;

import java.util.Arrays;

/**
 * The hours (since the epoch, UTC) in which one source contacted a destination: a sorted set of distinct ints. What
 * it holds depends only on the hours added and the horizon it was cut at, never on their order.
 */
final class ContactHours {
    private int[] hours;
    private int size;

    ContactHours() {
        this.hours = new int[4];
    }

    ContactHours(int[] sorted) {
        this.hours = sorted.length == 0 ? new int[4] : sorted.clone();
        this.size = sorted.length;
    }

    void add(int hour) {
        int at = Arrays.binarySearch(hours, 0, size, hour);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (size == hours.length) {
            hours = Arrays.copyOf(hours, size * 2);
        }
        System.arraycopy(hours, insert, hours, insert + 1, size - insert);
        hours[insert] = hour;
        size++;
    }

    /** Whether any hour lies in [from, to). */
    boolean anyIn(int from, int to) {
        int at = Arrays.binarySearch(hours, 0, size, from);
        int first = at >= 0 ? at : -at - 1;
        return first < size && hours[first] < to;
    }

    /** Drops the hours before {@code horizon}. */
    void forgetBefore(int horizon) {
        int at = Arrays.binarySearch(hours, 0, size, horizon);
        int keep = at >= 0 ? at : -at - 1;
        if (keep > 0) {
            System.arraycopy(hours, keep, hours, 0, size - keep);
            size -= keep;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int first() {
        return hours[0];
    }

    int[] toArray() {
        return Arrays.copyOf(hours, size);
    }
}
