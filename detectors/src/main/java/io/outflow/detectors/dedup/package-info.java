/**
 * Duplicate deliveries: {@link io.outflow.detectors.dedup.SeenEvents}, the bounded recent-eventId memory every
 * detector state that counts embeds, so that absorbing an eventId twice changes nothing.
 */
package io.outflow.detectors.dedup;
