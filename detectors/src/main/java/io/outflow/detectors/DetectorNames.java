package io.outflow.detectors;

import java.util.List;

/** The names of Outflow's detectors, as in alerts, config sections and allowlist scopes. */
public final class DetectorNames {
    public static final String CRYPTOMINING = "cryptomining";
    public static final String BANDWIDTH_SPIKE = "bandwidth_spike";
    public static final String NEW_FQDN = "new_fqdn";
    public static final String BEACONING = "beaconing";
    public static final List<String> ALL = List.of(CRYPTOMINING, BANDWIDTH_SPIKE, NEW_FQDN, BEACONING);

    private DetectorNames() {
    }
}
