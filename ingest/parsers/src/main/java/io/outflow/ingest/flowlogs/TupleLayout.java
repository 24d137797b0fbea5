package io.outflow.ingest.flowlogs;

/**
 * The columns of a flow tuple, which differ by log and version (research/formats.md §3.1, §3.2). Fields 1 to 7 are
 * the same everywhere: time, source IP, destination IP, source port, destination port, protocol, direction.
 */
enum TupleLayout {
    /** NSG flow logs version 1: field 8 is the decision (A/D); no state, no counters. */
    NSG_V1(8, " (NSG flow log version 1)", "decision"),
    /** NSG flow logs version 2: field 8 the decision (A/D), 9 the state (B/C/E), 10 to 13 the counters. */
    NSG_V2(13, " (NSG flow log version 2)", "decision", "flow state", "packets src to dst", "bytes src to dst",
            "packets dst to src", "bytes dst to src"),
    /** VNet flow logs version 4: field 8 the state (B/C/E/D), 9 the encryption, 10 to 13 the counters. */
    VNET_V4(13, "", "flow state", "encryption", "packets src to dst", "bytes src to dst", "packets dst to src",
            "bytes dst to src");

    private final int fieldCount;
    private final String versionNote;
    private final String[] names;

    TupleLayout(int fieldCount, String versionNote, String... specific) {
        this.fieldCount = fieldCount;
        this.versionNote = versionNote;
        this.names = new String[fieldCount];
        String[] common = {"time", "source IP", "destination IP", "source port", "destination port", "protocol",
            "direction"};
        System.arraycopy(common, 0, names, 0, common.length);
        System.arraycopy(specific, 0, names, common.length, specific.length);
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Said after the expected field count in a reason, so that a reader sees which layout was expected. */
    String versionNote() {
        return versionNote;
    }

    /** "tuple field 2 (source IP)": how reasons and warnings name a field, numbered from 1 as the docs do. */
    String field(int number) {
        return "tuple field " + number + " (" + names[number - 1] + ")";
    }

    /** The layout of an NSG flow log of this {@code properties.Version}, or null for an unknown version. */
    static TupleLayout nsgVersion(Long version) {
        if (version == null) {
            return null;
        }
        if (version == 1) {
            return NSG_V1;
        }
        return version == 2 ? NSG_V2 : null;
    }

    /** The NSG layout a tuple of this many fields has, when the record does not say its version; else null. */
    static TupleLayout nsgByFieldCount(int fields) {
        if (fields == NSG_V1.fieldCount) {
            return NSG_V1;
        }
        return fields == NSG_V2.fieldCount ? NSG_V2 : null;
    }
}
