package io.gatekeeper.api;

import java.time.Instant;
import java.util.List;

/**
 * One failed test of a request's candidate as the flake judge saw it. {@code text} is the line for people
 * ("`FooTest.bar` failed 1/4, rate 0.12 [0.08, 0.17], judged flaky"); the rest are the numbers behind it.
 *
 * @param decision change-caused, flaky, quarantined or broken-on-head
 */
public record JudgementJson(String test, String testId, String name, String tier, String decision, String text,
                            double pChangeCaused, int failures, int runs, boolean hasHistory, double rate,
                            List<Double> interval, int maxReruns, Instant decidedAt) { }
