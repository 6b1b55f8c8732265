package io.gatekeeper.flaky.model;

/**
 * Automatic quarantine and release, with hysteresis so a test does not flap:
 * quarantine when the one-sided 95% lower bound of the rate exceeds {@link ModelSettings#quarantineAbove()}
 * (we are confident it is that flaky, not unlucky) on at least {@link ModelSettings#minQuarantineRuns()} runs;
 * release only when the one-sided 95% upper bound falls
 * below {@link ModelSettings#releaseBelow()} (we are confident it is that good: zero failures in n runs bound
 * the rate only at about 3/n, so "five clean runs" prove nothing). A quarantine made by hand is released only
 * by hand.
 */
public final class QuarantinePolicy {

    /** What to do with a test's quarantine after its rate changed. */
    public enum Change {
        KEEP("no change"),
        QUARANTINE("quarantined automatically"),
        RELEASE("released automatically");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final ModelSettings settings;

    public QuarantinePolicy(ModelSettings settings) {
        this.settings = settings;
    }

    public Change evaluate(RatePosterior rate, boolean quarantined, boolean byHand) {
        if (!quarantined) {
            return ChangeCause.hasHistory(rate, settings) && rate.runs() >= settings.minQuarantineRuns()
                    && rate.lowerBound() > settings.quarantineAbove() ? Change.QUARANTINE : Change.KEEP;
        }
        return !byHand && rate.upperBound() < settings.releaseBelow() ? Change.RELEASE : Change.KEEP;
    }

    /** The reason line stored with an automatic change, with the numbers behind it. */
    public String reason(Change change, RatePosterior rate) {
        switch (change) {
            case QUARANTINE:
                return change.text() + ": rate lower bound " + FlakeJudge.number(rate.lowerBound())
                        + " above " + FlakeJudge.number(settings.quarantineAbove());
            case RELEASE:
                return change.text() + ": rate upper bound " + FlakeJudge.number(rate.upperBound())
                        + " below " + FlakeJudge.number(settings.releaseBelow());
            default:
                return change.text();
        }
    }
}
