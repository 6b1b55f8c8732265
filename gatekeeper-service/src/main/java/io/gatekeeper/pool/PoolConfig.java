package io.gatekeeper.pool;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.gatekeeper.runner.pool.Liveness;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * The {@code pool:} section of the service's configuration. With {@code enabled} (the default) tiers run on
 * runner nodes that lease them over HTTP; the service itself starts {@code localRunners} of them as child
 * processes. Disabled, tiers run in the service's own process as before.
 */
public class PoolConfig {
    @JsonProperty
    public boolean enabled = true;

    /** Runner processes the service starts on this machine (named local-1, local-2, ...); 0 for none. */
    @Min(0)
    @Max(64)
    @JsonProperty
    public int localRunners = 2;

    /** Labels of the local runners. */
    @NotNull
    @JsonProperty
    public List<String> localLabels = List.of();

    /** How often runners heartbeat (whole seconds). */
    @NotNull
    @JsonProperty
    public Duration heartbeat = Duration.seconds(2);

    /** Heartbeats a node may miss before it is lost and its run retried elsewhere. */
    @Min(1)
    @JsonProperty
    public int missedHeartbeats = 5;

    /** How long an allocation's lease on a node lives without renewal by that node. */
    @NotNull
    @JsonProperty
    public Duration lease = Duration.seconds(30);

    /** How long runners' long-polls (lease, ready) are held open. */
    @NotNull
    @JsonProperty
    public Duration leaseWait = Duration.seconds(20);

    /** How long a tier may wait for nodes the pool does not have before it is an infrastructure error. */
    @NotNull
    @JsonProperty
    public Duration waitForNodes = Duration.minutes(5);

    /**
     * Who may act as a runner: {@code runner} (the default) admits tokens of users with the runner role and
     * admins; {@code developer}, {@code privileged} or {@code admin} also admit every person with at least
     * that role.
     */
    @Pattern(regexp = "runner|developer|privileged|admin")
    @JsonProperty
    public String runnerRole = "runner";

    public PoolSettings settings() {
        return new PoolSettings(new Liveness(java.time.Duration.ofSeconds(Math.max(1, heartbeat.toSeconds())),
                missedHeartbeats, lease.toJavaDuration()), leaseWait.toJavaDuration(), waitForNodes.toJavaDuration());
    }
}
