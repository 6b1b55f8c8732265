package io.gatekeeper.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A request as the API shows it. Field names are a contract with scripts and the dashboard.
 * {@code judgements}: the flake judge's verdicts on its candidate's failed tests, one line each.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RequestJson(long id, String repo, String branch, String sha, String kind, String author, int priority,
                          String state, String reason, String candidate, String base, int commits,
                          List<TierJson> tiers, Integer position, String waitingFor, Instant eta,
                          Instant createdAt, Instant queuedAt, Instant updatedAt, Instant finishedAt,
                          List<JudgementJson> judgements) { }
