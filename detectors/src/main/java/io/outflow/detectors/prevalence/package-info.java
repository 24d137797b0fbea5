/**
 * The second keyed stage: how many sources of a cluster contact a destination, measured per (cluster, destination)
 * in event time, and the damping of per-destination alerts about common destinations. It runs after the detectors
 * and before the alert review in every engine.
 */
package io.outflow.detectors.prevalence;
