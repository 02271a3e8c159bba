package dev.greenlight.release.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The special functions against published values (Γ(1/2) = √π, Φ(1.96)) and values computed independently with
 * SciPy 1.17 ({@code scipy.special.gammaln, betaln, betainc}, {@code scipy.stats.binom.sf, norm.cdf}).
 */
class SpecialTest {

    @Test
    void logGamma_matchesKnownValues() {
        assertThat(Special.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-14));
        assertThat(Special.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(Special.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(Special.logGamma(3.7)).isCloseTo(1.428072326665388, within(1e-12));
        assertThat(Special.logGamma(100)).isCloseTo(359.1342053695754, within(1e-10));
        assertThat(Special.logGamma(1e6 + 0.5)).isCloseTo(12815511.476902766, within(1e-6));
        assertThat(Special.logGamma(1e-3)).isCloseTo(6.907178885383853, within(1e-10));
    }

    @Test
    void logBeta_matchesScipy() {
        assertThat(Special.logBeta(2.5, 1e5)).isCloseTo(-28.497649541823193, within(1e-9));
        assertThat(Special.logBeta(0.3, 7)).isCloseTo(0.5271566838059277, within(1e-12));
    }

    @Test
    void regularizedBeta_matchesScipy() {
        assertThat(Special.regularizedBeta(0.002, 3, 998)).isCloseTo(0.3233234934126358, within(1e-12));
        assertThat(Special.regularizedBeta(0.006, 12, 3989)).isCloseTo(0.9975316389941271, within(1e-12));
        assertThat(Special.regularizedBeta(0.3, 0.5, 0.5)).isCloseTo(0.36901011956554536, within(1e-12));
        assertThat(Special.regularizedBeta(0, 2, 3)).isZero();
        assertThat(Special.regularizedBeta(1, 2, 3)).isEqualTo(1);
    }

    @Test
    void binomialAtLeast_matchesScipy() {
        // scipy.stats.binom.sf(k - 1, n, p) = P(X >= k)
        assertThat(Special.binomialAtLeast(8, 2000, 0.001)).isCloseTo(0.0010881438705245077, within(1e-14));
        assertThat(Special.binomialAtLeast(300, 500, 0.5)).isCloseTo(4.470033271126644e-06, within(1e-16));
        assertThat(Special.binomialAtLeast(0, 10, 0.3)).isEqualTo(1);
        assertThat(Special.binomialAtLeast(11, 10, 0.3)).isZero();
    }

    @Test
    void normalCdf_matchesPublishedValues() {
        assertThat(Special.normalCdf(1.96)).isCloseTo(0.9750021048517795, within(1e-13));
        assertThat(Special.normalCdf(0.3)).isCloseTo(0.6179114221889526, within(1e-13));
        assertThat(Special.normalCdf(-3.5)).isCloseTo(0.00023262907903552502, within(1e-15));
        assertThat(Special.normalCdf(-6)).isCloseTo(9.865876450376946e-10, within(1e-18));
        assertThat(Special.normalCdf(0)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void normalQuantile_invertsTheCdf() {
        assertThat(Special.normalQuantile(0.99)).isCloseTo(2.326347874, within(1e-8));
        assertThat(Special.normalQuantile(0.95)).isCloseTo(1.644853627, within(1e-8));
        for (double p : new double[] {1e-6, 0.01, 0.3, 0.5, 0.8, 0.999}) {
            assertThat(Special.normalCdf(Special.normalQuantile(p))).isCloseTo(p, within(1e-9 * Math.max(1, p)));
        }
    }
}
