package io.outflow.detectors.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The MITRE ATT&CK techniques Outflow's detectors name, each with its tactic as Microsoft Sentinel spells it. */
public enum MitreTechnique {
    /** Resource Hijacking: cryptomining. */
    T1496("Impact"),
    /** Application Layer Protocol: command and control over web, DNS, other protocols. */
    T1071("CommandAndControl"),
    /** Dynamic Resolution: domain generation, fast flux, churning names. */
    T1568("CommandAndControl"),
    /** Encrypted Channel. */
    T1573("CommandAndControl"),
    /** Exfiltration Over Alternative Protocol. */
    T1048("Exfiltration"),
    /** Exfiltration Over Web Service. */
    T1567("Exfiltration");

    private final String tactic;

    MitreTechnique(String tactic) {
        this.tactic = tactic;
    }

    /** The Sentinel tactic name ({@code CommandAndControl}, {@code Impact}, {@code Exfiltration}). */
    public String tactic() {
        return tactic;
    }

    /** The technique IDs, in the given order. */
    public static List<String> ids(List<MitreTechnique> techniques) {
        List<String> ids = new ArrayList<>(techniques.size());
        for (MitreTechnique technique : techniques) {
            ids.add(technique.name());
        }
        return ids;
    }

    /** The distinct tactics of the techniques, sorted. */
    public static List<String> tactics(List<MitreTechnique> techniques) {
        TreeSet<String> tactics = new TreeSet<>();
        for (MitreTechnique technique : techniques) {
            tactics.add(technique.tactic);
        }
        return List.copyOf(tactics);
    }
}
