package io.outflow.enrichment.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte string searched with Horspool's skip table: most positions are skipped by the pattern's length. */
final class BytePattern {
    private final byte[] pattern;
    private final int[] skip = new int[256];

    BytePattern(String text) {
        pattern = text.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(skip, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i] & 0xff] = pattern.length - 1 - i;
        }
    }

    /** The first index in [from, to) where the pattern starts, or -1. */
    int find(byte[] buffer, int from, int to) {
        int last = pattern.length - 1;
        byte tail = pattern[last];
        int i = from;
        while (i + last < to) {
            byte b = buffer[i + last];
            if (b == tail) {
                int k = last - 1;
                while (k >= 0 && buffer[i + k] == pattern[k]) {
                    k--;
                }
                if (k < 0) {
                    return i;
                }
            }
            i += skip[b & 0xff];
        }
        return -1;
    }
}
