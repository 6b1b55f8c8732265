package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Reply to a heartbeat: the runs (of those this node holds) that it must stop at once. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatReply(List<String> cancel) {
    public HeartbeatReply {
        cancel = cancel == null ? List.of() : List.copyOf(cancel);
    }
}
