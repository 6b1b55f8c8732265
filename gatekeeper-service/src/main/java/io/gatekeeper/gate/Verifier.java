package io.gatekeeper.gate;

import io.gatekeeper.git.ConfigResult;
import io.gatekeeper.git.GatekeeperConfigReader;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.Tier;
import io.gatekeeper.queue.Event;
import io.gatekeeper.store.CandidateDao;
import org.eclipse.jgit.lib.ObjectId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Verified after landing: whatever reached head without the full tiers (a bypass, a push-request) is then tested
 * on head with every tier, in the background. Tiers come from the head before the privileged landing — the
 * configuration the gate trusted. Verification candidates are numbered below zero, apart from the engine's.
 */
final class Verifier {

    /** What a verification found; called on the gate thread. */
    interface Listener {
        void verified(Verification v);

        void broken(Verification v, String reason);
    }

    static final class Verification {
        final Candidate candidate;
        final ObjectId before;
        final String what;
        final String author;
        int next;
        /** Infrastructure failures of the current tier; while notBefore is set the tier waits for it. */
        int infraErrors;
        java.time.Instant notBefore;

        Verification(Candidate candidate, ObjectId before, String what, String author) {
            this.candidate = candidate;
            this.before = before;
            this.what = what;
            this.author = author;
        }

        ObjectId commit() {
            return candidate.sha;
        }
    }

    private final GateContext ctx;
    private final TierRunner runner;
    private final Consumer<Runnable> onGate;
    private final Listener listener;
    private final Map<Long, Verification> running = new HashMap<>();

    Verifier(GateContext ctx, TierRunner runner, Consumer<Runnable> onGate, Listener listener) {
        this.ctx = ctx;
        this.runner = runner;
        this.onGate = onGate;
        this.listener = listener;
    }

    static boolean isVerification(long candidateNumber) {
        return candidateNumber < 0;
    }

    /** Starts verifying {@code landed}, which moved head from {@code before}. */
    void verify(ObjectId before, ObjectId landed, String what, String author) {
        ConfigResult config = GatekeeperConfigReader.read(ctx.git(), before);
        if (!config.ok()) {
            return;   // nothing trusted to verify with; the queue reports the configuration error itself
        }
        long repoId = ctx.repo().id();
        long number = Math.min(-1, ctx.jdbi().withExtension(CandidateDao.class, d -> d.minNumber(repoId)) - 1);
        GitRefs.setCandidate(ctx.git(), number, landed);
        var now = ctx.clock().instant();
        ctx.jdbi().useExtension(CandidateDao.class,
                d -> d.insertVerification(repoId, number, before.name(), landed.name(), now, now));
        Verification v = new Verification(new Candidate(number, before, landed, List.of(), config.config()),
                before, what, author);
        running.put(number, v);
        startNext(v);
    }

    /** A verification tier's result. */
    void onResult(long number, Event event) {
        Verification v = running.get(number);
        if (v == null) {
            return;
        }
        if (event instanceof Event.TierPassed) {
            v.infraErrors = 0;
            startNext(v);
        } else if (event instanceof Event.TierFailed e) {
            finish(v, "failed");
            listener.broken(v, e.reason());
        } else if (event instanceof Event.TierInfraError e) {
            v.next--;
            v.infraErrors++;
            var now = ctx.clock().instant();
            v.notBefore = ctx.infraHold().nextAttempt(v.infraErrors, now);
            retryDue(now);
        }
    }

    /** Starts again the tiers whose infrastructure hold is over; the gate calls it on every tick. */
    void retryDue(java.time.Instant now) {
        for (Verification v : List.copyOf(running.values())) {
            if (v.notBefore != null && !v.notBefore.isAfter(now)) {
                v.notBefore = null;
                startNext(v);
            }
        }
    }

    private void startNext(Verification v) {
        List<Tier> tiers = v.candidate.config.tiers();
        if (v.next >= tiers.size()) {
            finish(v, "passed");
            listener.verified(v);
            return;
        }
        String tier = tiers.get(v.next++).name();
        runner.start(v.candidate, tier, done -> onGate.accept(() -> {
            Event e = runner.finish(done);
            if (e != null) {
                onResult(v.candidate.number, e);
            }
        }), e -> onGate.accept(() -> onResult(v.candidate.number, e)));
    }

    private void finish(Verification v, String state) {
        running.remove(v.candidate.number);
        ctx.jdbi().useExtension(CandidateDao.class, d -> d.setState(state, ctx.clock().instant(),
                ctx.repo().id(), v.candidate.number));
    }

    void cancelAll() {
        running.values().forEach(v -> v.candidate.cancelAll());
    }
}
