package io.gatekeeper.sim.replay;

/** A queue candidate, the candidate it was built on (null: head) and one of its own requests (null: none). */
public record CandidateLink(long candidateNo, Long parentNo, Long requestId) { }
