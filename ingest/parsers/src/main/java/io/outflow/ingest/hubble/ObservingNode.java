package io.outflow.ingest.hubble;

/**
 * The node that observed a flow, from Hubble's {@code node_name}: {@code "cluster/node"} through Hubble Relay, a bare
 * node name from a single agent. Either part may be absent.
 */
record ObservingNode(String cluster, String name) {
    static final ObservingNode UNKNOWN = new ObservingNode(null, null);

    static ObservingNode parse(String nodeName) {
        if (nodeName == null || nodeName.isBlank()) {
            return UNKNOWN;
        }
        String s = nodeName.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new ObservingNode(null, s);
        }
        return new ObservingNode(blankToNull(s.substring(0, slash)), blankToNull(s.substring(slash + 1)));
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
