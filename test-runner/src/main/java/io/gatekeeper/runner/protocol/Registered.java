package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reply to a registration.
 *
 * @param nodeId           the id to use in every later call (may equal the name)
 * @param heartbeatSeconds how often the runner must heartbeat; 0 means the default (2)
 * @param leaseWaitSeconds how long a lease call may be held open; 0 means the default (20)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registered(String nodeId, int heartbeatSeconds, int leaseWaitSeconds) {
}
