package io.gatekeeper.sim.replay;

import org.jdbi.v3.core.Jdbi;

/**
 * A realistic few hours of repository "shop" (tiers unit ~5 min and system ~20 min): nine good requests, two bad
 * ones (one breaks unit, one system), flaky runs of three kinds, and the requests a replay leaves out. The last
 * recorded event is request o1 queued at minute 200; one merged request is 40 days older.
 */
final class ShopHistory {
    static final double LAST_EVENT = 200;
    static final double[] UNIT = {4, 4.5, 5, 5, 5.5, 6};
    static final double[] SYSTEM = {18, 19, 20, 20, 21, 22};
    /** g1..g4 waited this long for a runner node before their system run began. */
    static final double POOL_WAIT = 15;

    private ShopHistory() {
    }

    static void write(Jdbi jdbi) {
        RecordedRepo shop = new RecordedRepo(jdbi, "shop");
        long old = shop.request(-40 * 24 * 60);
        long oldCandidate = shop.candidate(null, -40 * 24 * 60 + 1, old);
        shop.run(oldCandidate, "unit", "passed", -40 * 24 * 60 + 1, 5);
        shop.merged(old, -40 * 24 * 60 + 30);

        for (int k = 0; k < 6; k++) {
            double a = 10 * k;
            long g = shop.request(a);
            long c = shop.candidate(null, a + 1, g);
            shop.run(c, "unit", "passed", a + 1, UNIT[k]);
            double s = a + 1 + UNIT[k];
            double wait = k < 4 ? POOL_WAIT : 0;
            long system = shop.run(c, "system", "passed", s, wait + SYSTEM[k]);
            if (wait > 0) {
                shop.granted(system, s + wait);
            }
            shop.merged(g, s + wait + SYSTEM[k]);
        }

        long b1 = shop.request(60);
        long c1 = shop.candidate(null, 61, b1);
        shop.run(c1, "unit", "failed", 61, 3, "CartTest.total");
        shop.rejected(b1, 64, "tier 'unit' failed with this request alone on candidate " + c1);

        long b2 = shop.request(70);
        long c2 = shop.candidate(null, 71, b2);
        shop.run(c2, "unit", "passed", 71, 5);
        shop.run(c2, "system", "failed", 76, 10, "CheckoutIT.pay");
        shop.rejected(b2, 86, "tier 'system' failed with this request alone on candidate " + c2);

        // The flake judge re-ran the failed test on the same candidate: it passed.
        long g7 = shop.request(80);
        long c7 = shop.candidate(null, 81, g7);
        shop.run(c7, "unit", "failed", 81, 5, "FooTest.bar");
        shop.run(c7, "unit", "passed", 86, 1);
        shop.run(c7, "system", "passed", 87, 20);
        shop.merged(g7, 107);

        long w1 = shop.request(90);
        shop.withdrawn(w1, 95);
        long p1 = shop.request(100, "push");
        shop.merged(p1, 101);

        long i1 = shop.request(110);
        long ci = shop.candidate(null, 111, i1);
        for (int attempt = 0; attempt < 3; attempt++) {
            shop.run(ci, "unit", "infra-error", 111 + attempt, 1);
        }
        shop.rejected(i1, 114, "tier 'unit' failed with this request alone on candidate " + ci
                + ": tier unit could not run: infrastructure failed 3 times, last: node lost");

        long conflict = shop.request(120);
        shop.rejected(conflict, 120.5, "does not apply on candidate 9's base: conflict in cart.py");

        // A batch failed unit with no culprit (both its requests then passed and merged): a flake no one re-ran.
        long g8 = shop.request(140);
        long g9 = shop.request(141);
        long batch = shop.candidate(null, 142, g8, g9);
        shop.run(batch, "unit", "failed", 142, 5, "BarTest.baz");
        long c8 = shop.candidate(null, 148, g8);
        long c9 = shop.candidate(c8, 148, g9);
        shop.run(c8, "unit", "passed", 148, 5);
        shop.run(c9, "unit", "passed", 148, 5);
        shop.run(c8, "system", "passed", 153, 20);
        // The judge excused a known flaky test in this run: it passed with a failed test on record.
        shop.run(c9, "system", "passed", 153, 20, "SlowIT.x");
        shop.merged(g8, 173);
        shop.merged(g9, 173);

        shop.request(LAST_EVENT);
    }
}
