package io.gatekeeper.flaky.model;

/**
 * The few special functions the rate model needs: log-gamma, log-beta, the regularised incomplete beta
 * function (the Beta CDF) and its inverse. Hand-written because no statistics library is in the verified
 * dependency set; the algorithms are the textbook ones (Lanczos; Lentz's continued fraction as in Numerical
 * Recipes §6.4; bisection for the inverse, which is slow but cannot diverge).
 */
public final class BetaMath {

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;

    private BetaMath() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (x <= 0) {
            throw new IllegalArgumentException("logGamma needs x > 0: " + x);
        }
        if (x < 0.5) {
            // Reflection keeps the Lanczos series in its accurate range.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** ln B(a, b). */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** I_x(a, b): P(X ≤ x) for X ~ Beta(a, b). */
    public static double regularizedBeta(double x, double a, double b) {
        if (a <= 0 || b <= 0) {
            throw new IllegalArgumentException("Beta parameters must be positive: " + a + ", " + b);
        }
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** The x with I_x(a, b) = p: Newton steps on the CDF, kept inside a shrinking bisection bracket. */
    public static double inverseRegularizedBeta(double p, double a, double b) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        double logB = logBeta(a, b);
        double lo = 0;
        double hi = 1;
        double x = a / (a + b);
        for (int i = 0; i < 200; i++) {
            double f = regularizedBeta(x, a, b) - p;
            if (f == 0) {
                return x;
            }
            if (f < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
            double next = x - f / density;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-15 * lo) {
                return next;
            }
            x = next;
        }
        return x;
    }

    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = 1 / (Math.abs(d) < TINY ? TINY : d);
        double h = d;
        for (int m = 1; m <= 100_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return h;
            }
        }
        return h;
    }
}
