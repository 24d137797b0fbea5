/** Names of destinations: {@link io.outflow.detectors.domain.RegisteredDomains} (eTLD+1, computed once upstream). */
package io.outflow.detectors.domain;
