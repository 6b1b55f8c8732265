package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RerunBudgetTest {

    /** k = floor(ln 1e-3 / ln p) + 1, capped at 5: the smallest k with p^k strictly below 1e-3. */
    @ParameterizedTest(name = "p={0} -> k={1}")
    @CsvSource({
        "0.17, 4",    // ln(1e-3)/ln(0.17) = 3.898: 0.17^3 = 4.9e-3, 0.17^4 = 8.4e-4
        "0.01, 2",    // 1.5: 0.01^1 = 1e-2, 0.01^2 = 1e-4
        "0.0009, 1",  // 0.985: one re-run already below the risk
        "0.6, 5",     // 13.5: capped
        "1.0, 5",
        "0.0, 1",
    })
    void reruns_smallestKBelowRisk(double upperBound, int k) {
        assertThat(RerunBudget.reruns(upperBound, ModelSettings.DEFAULT)).isEqualTo(k);
    }

    @ParameterizedTest
    @CsvSource({"0.17", "0.01", "0.0009", "0.3"})
    void budget_leavesResidualRiskBelowTheSetting_unlessCapped(double upperBound) {
        int k = RerunBudget.reruns(upperBound, ModelSettings.DEFAULT);
        assertThat(RerunBudget.residualRisk(upperBound, k) < 1e-3 || k == 5).isTrue();
        if (k > 1) {
            assertThat(RerunBudget.residualRisk(upperBound, k - 1)).isGreaterThanOrEqualTo(1e-3);
        }
    }
}
