package io.gatekeeper.gate;

import io.gatekeeper.git.GatekeeperConfig;
import io.gatekeeper.git.Tier;
import io.gatekeeper.runner.tier.Cancellation;
import org.eclipse.jgit.lib.ObjectId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A built candidate the gate is testing: the commit it was built on, its commit, and its running tiers. */
final class Candidate {
    final long number;
    final ObjectId base;
    final ObjectId sha;
    final List<Long> requestIds;
    final GatekeeperConfig config;
    /** The tiers this candidate runs: all of head's, or only push_request.tiers for push-requests. */
    final List<String> tiers;
    /** Every request is a push-request: it lands ahead of the queue and is verified after landing. */
    final boolean privileged;
    /** It carries a revert of a change that broke head, so it may land on a broken head. */
    final boolean carriesRevert;
    final Map<Long, Cancellation> running = new HashMap<>();
    /** Set once the gate dropped this candidate: no re-run is started for it any more. */
    volatile boolean cancelled;

    Candidate(long number, ObjectId base, ObjectId sha, List<Long> requestIds, GatekeeperConfig config) {
        this(number, base, sha, requestIds, config,
                config.tiers().stream().map(io.gatekeeper.git.Tier::name).toList(), false, false);
    }

    Candidate(long number, ObjectId base, ObjectId sha, List<Long> requestIds, GatekeeperConfig config,
              List<String> tiers, boolean privileged, boolean carriesRevert) {
        this.number = number;
        this.base = base;
        this.sha = sha;
        this.requestIds = List.copyOf(requestIds);
        this.config = config;
        this.tiers = List.copyOf(tiers);
        this.privileged = privileged;
        this.carriesRevert = carriesRevert;
    }

    boolean fullTiers() {
        return tiers.size() == config.tiers().size();
    }

    Optional<Tier> tier(String name) {
        return config.tiers().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    void cancelAll() {
        cancelled = true;
        running.values().forEach(Cancellation::cancel);
        running.clear();
    }
}
