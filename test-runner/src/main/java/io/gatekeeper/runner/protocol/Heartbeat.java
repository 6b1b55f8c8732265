package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Body of a heartbeat: the runs this node holds right now (inaugurating, holding or running). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Heartbeat(List<String> runs) {
    public Heartbeat {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }
}
