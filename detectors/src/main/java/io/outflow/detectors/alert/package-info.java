/**
 * Building alerts to DESIGN.md's contract, shared by every detector: {@link io.outflow.detectors.alert.AlertContext}
 * (what a run stamps on every alert), {@link io.outflow.detectors.alert.AlertId},
 * {@link io.outflow.detectors.alert.AlertBuilder}, {@link io.outflow.detectors.alert.Evidence} with
 * {@link io.outflow.detectors.alert.RawRowsQuery} (the KQL for the raw rows),
 * {@link io.outflow.detectors.alert.MitreTechnique}, {@link io.outflow.detectors.alert.IdentitySnapshot},
 * {@link io.outflow.detectors.alert.FlowEvidence} (what a finding's flows showed, kept in state) and the revision
 * rule ({@link io.outflow.detectors.alert.OpenAlert}, {@link io.outflow.detectors.alert.OpenAlerts}).
 */
package io.outflow.detectors.alert;
