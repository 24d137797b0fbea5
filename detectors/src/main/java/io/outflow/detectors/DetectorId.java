package io.outflow.detectors;

/** A detector's name (as in alerts: {@code beaconing}) and version (bumped when its alerts change meaning). */
public record DetectorId(String name, String version) {
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
