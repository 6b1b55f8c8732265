package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Body of {@code POST /api/runner/register}.
 *
 * @param name    unique within the pool; registering an existing name again means that node restarted
 * @param labels  what the node offers, matched by tiers' {@code labels}
 * @param host    the address other cluster nodes reach this node at ({@code GATEKEEPER_CLUSTER_NODES})
 * @param version the runner's version, for display
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registration(String name, List<String> labels, String host, String version) {
    public Registration {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
