package io.outflow.detectors.alert;

import io.outflow.detectors.DetectorId;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link Alert} with every field of DESIGN.md's contract: identity from an {@link IdentitySnapshot}, window
 * and revision from an {@link OpenAlert}, the alertId from the detector, cluster, entity and windowStart
 * ({@link AlertId}), the run's configVersion, outflowVersion and mode from the {@link AlertContext}. Usage:
 * <pre>{@code
 * Alert alert = new AlertBuilder(id, context)
 *         .identity(snapshot).entity(entity.withDestination("nanopool.org")).revision(open)
 *         .severity(Severity.high).score(0.9).title("...").description("...")
 *         .destination(ip, fqdn, port, "TCP").evidence(evidence).techniques(MitreTechnique.T1496)
 *         .build();
 * }</pre>
 */
public final class AlertBuilder {
    private final DetectorId detector;
    private final AlertContext context;
    private IdentitySnapshot identity;
    private String entity;
    private OpenAlert window;
    private Severity severity = Severity.medium;
    private double score;
    private String title;
    private String description;
    private String destinationIp;
    private String destinationFqdn;
    private Integer destinationPort;
    private String protocol;
    private Evidence evidence = Evidence.create();
    private List<MitreTechnique> techniques = List.of();

    public AlertBuilder(DetectorId detector, AlertContext context) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.context = Objects.requireNonNull(context, "context");
    }

    public AlertBuilder identity(IdentitySnapshot identity) {
        this.identity = identity;
        return this;
    }

    /** The alert entity ({@link io.outflow.detectors.entity.SourceEntity#id} or its {@code withDestination}). */
    public AlertBuilder entity(String entity) {
        this.entity = entity;
        return this;
    }

    /** Window and revision. */
    public AlertBuilder revision(OpenAlert window) {
        this.window = window;
        return this;
    }

    public AlertBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    /** Clamped to [0, 1]. */
    public AlertBuilder score(double score) {
        this.score = Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, score));
        return this;
    }

    public AlertBuilder title(String title) {
        this.title = title;
        return this;
    }

    public AlertBuilder description(String description) {
        this.description = description;
        return this;
    }

    public AlertBuilder destination(String ip, String fqdn, Integer port, String protocol) {
        this.destinationIp = ip;
        this.destinationFqdn = fqdn;
        this.destinationPort = port;
        this.protocol = protocol;
        return this;
    }

    public AlertBuilder evidence(Evidence evidence) {
        this.evidence = evidence;
        return this;
    }

    public AlertBuilder techniques(MitreTechnique... techniques) {
        this.techniques = Arrays.asList(techniques);
        return this;
    }

    /** Builds the alert; without an identity (a state restored from a writer that kept none) it is unattributed. */
    public Alert build() {
        IdentitySnapshot identity = this.identity != null ? this.identity : IdentitySnapshot.NOT_RECORDED;
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(window, "revision");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        String cluster = identity.cluster();
        return Alert.newBuilder()
                .setAlertId(AlertId.of(detector, cluster, entity, window.windowStart()))
                .setRevision(window.revision())
                .setDetector(detector.name())
                .setDetectorVersion(detector.version())
                .setSeverity(severity)
                .setScore(Math.round(score * 1e4) / 1e4)
                .setTitle(title)
                .setDescription(description)
                .setCluster(cluster)
                .setNamespace(identity.namespace())
                .setWorkload(identity.workload())
                .setWorkloadKind(identity.workloadKind())
                .setPod(identity.pod())
                .setNode(identity.node())
                .setAttribution(identity.attribution() == null ? Attribution.unknown : identity.attribution())
                .setAttributionReason(identity.attributionReason())
                .setSourceIp(identity.sourceIp())
                .setDestinationIp(destinationIp)
                .setDestinationFqdn(destinationFqdn)
                .setDestinationPort(destinationPort)
                .setProtocol(protocol)
                .setWindowStart(window.windowStart())
                .setWindowEnd(window.windowEnd())
                .setEvidence(evidence.toJson())
                .setMitreTactics(MitreTechnique.tactics(techniques))
                .setMitreTechniques(MitreTechnique.ids(techniques))
                .setConfigVersion(context.configVersion())
                .setOutflowVersion(context.outflowVersion())
                .setMode(context.mode())
                .build();
    }
}
