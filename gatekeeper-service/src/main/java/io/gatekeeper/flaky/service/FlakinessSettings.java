package io.gatekeeper.flaky.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.ModelSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code flakiness} section of the service's configuration: the knobs of flaky-db's model people are
 * expected to turn. Everything else keeps {@link ModelSettings#DEFAULT} (reasons in docs/flakiness.md).
 */
public class FlakinessSettings {

    /** Age at which a test execution counts half. */
    @NotNull
    @JsonProperty
    public Duration halfLife = Duration.days(30);

    /** Accepted probability that an innocent flaky test fails every targeted re-run. */
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "1", inclusive = false)
    @JsonProperty
    public double risk = ModelSettings.DEFAULT.risk();

    /** Hard cap on targeted re-runs of one failed test. */
    @Min(1)
    @Max(50)
    @JsonProperty
    public int maxReruns = ModelSettings.DEFAULT.maxReruns();

    /**
     * Hard cap on re-runs of a test quarantined for its rate whose failure is new (0: such failures never block).
     * Higher than {@link #maxReruns} because quarantined tests fail often, so telling a new breakage from their
     * flakiness takes more runs; a failure the test's known way is never re-run.
     */
    @Min(0)
    @Max(100)
    @JsonProperty
    public int quarantineMaxReruns = ModelSettings.DEFAULT.quarantineMaxReruns();

    /** Quarantine automatically when the one-sided 95% lower bound of the rate exceeds this. */
    @DecimalMin("0")
    @DecimalMax("1")
    @JsonProperty
    public double quarantineAbove = ModelSettings.DEFAULT.quarantineAbove();

    /** ... and the test has at least this many (recency-weighted) runs. */
    @DecimalMin("0")
    @JsonProperty
    public double minQuarantineRuns = ModelSettings.DEFAULT.minQuarantineRuns();

    /** Release automatically when the one-sided 95% upper bound of the rate falls below this. */
    @DecimalMin("0")
    @DecimalMax("1")
    @JsonProperty
    public double releaseBelow = ModelSettings.DEFAULT.releaseBelow();

    /**
     * Burn-in runs of the tests a change adds or modifies, after their tier passed; 0 turns burn-in off.
     * Default 20: see docs/flakiness.md §6a for how the replay benchmark chose it.
     */
    @Min(0)
    @Max(100)
    @JsonProperty
    public int burnInRuns = BurnInSettings.DEFAULT.runs();

    /** At most this many tests are burnt in per candidate and tier. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    public int burnInMaxTests = BurnInSettings.DEFAULT.maxTests();

    /**
     * Also burn in the tests related by name to the non-test source files a change changes ({@code Foo.java} →
     * {@code FooTest}), after the tests of its own test files and within {@link #burnInMaxTests}.
     */
    @JsonProperty
    public boolean burnInRelated = BurnInSettings.DEFAULT.related();

    public BurnInSettings buildBurnIn() {
        BurnInSettings d = BurnInSettings.DEFAULT;
        return new BurnInSettings(burnInRuns, burnInMaxTests, d.touchedChangePrior(), d.innocentRisk(), d.missRisk(),
                d.minShift(), burnInRelated);
    }

    public ModelSettings build() {
        ModelSettings d = ModelSettings.DEFAULT;
        return new ModelSettings(d.priorAlpha(), d.priorBeta(), d.flakyShare(), halfLife.toJavaDuration(),
                d.minFlakyEvidence(), risk, maxReruns, d.changePrior(), d.deterministicShare(),
                d.fingerprintMatchIfFlaky(), d.fingerprintMatchIfChange(), quarantineAbove, minQuarantineRuns,
                releaseBelow, d.brokenAfter(), quarantineMaxReruns);
    }
}
