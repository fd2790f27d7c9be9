package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * One step of a scenario's {@code timeline:}: at {@code at} after sampling starts, change the
 * {@code network} of every peer, or of {@code peer} alone (a peer's or a peer group's name), e.g.
 * {@code - {at: 10s, network: {loss: 20%}}} or {@code - {at: 30s, network: {blackout: 3s}}}.
 */
public record TimelineStep(Duration at, @JsonInclude(JsonInclude.Include.NON_NULL) String peer, NetworkSpec network) {
    public TimelineStep {
        if (at == null) {
            throw new IllegalArgumentException("a timeline step needs 'at:', the time after the call starts, e.g. at: 10s");
        }
        if (network == null) {
            throw new IllegalArgumentException("a timeline step needs 'network:', what changes then, e.g. network: {loss: 20%}");
        }
        if (network.seed() != null) {
            throw new IllegalArgumentException("seed belongs to the scenario's network: section, not to a timeline step");
        }
        if (!network.changesLink() && network.blackout() == null) {
            throw new IllegalArgumentException("this timeline step's network: changes nothing; give e.g. loss: 20% or blackout: 3s");
        }
    }
}
