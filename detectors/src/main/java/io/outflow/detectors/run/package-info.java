/**
 * The reference engine ({@link io.outflow.detectors.run.LocalRunner}): the time rule (watermark, lateness, deadlines,
 * end of input) that the Kafka Streams and Flink adapters mirror, the late output
 * ({@link io.outflow.detectors.run.LateFlow}) and the last step of every alert
 * ({@link io.outflow.detectors.run.AlertReview}).
 */
package io.outflow.detectors.run;
