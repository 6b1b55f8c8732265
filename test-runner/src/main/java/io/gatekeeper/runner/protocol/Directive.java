package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply to {@code ready}: what an inaugurated node does next. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Directive(Action action) {

    public enum Action {
        /** Not every node of the cluster is ready yet: call ready again. */
        @JsonProperty("wait") WAIT,
        /** Primary only: every node is ready, run the command now. */
        @JsonProperty("run") RUN,
        /** Secondary: the cluster is running; keep the workspace and setup processes, call ready again. */
        @JsonProperty("hold") HOLD,
        /** The run is over (finished, cancelled or abandoned): clean up and lease again. */
        @JsonProperty("release") RELEASE
    }

    public static Directive of(Action action) {
        return new Directive(action);
    }
}
