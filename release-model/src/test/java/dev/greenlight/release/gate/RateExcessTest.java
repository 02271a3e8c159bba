package dev.greenlight.release.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The anytime-valid excess test: its numbers against an independent computation (SciPy's {@code betaln} and
 * bounded scalar minimisation, see the values below), Ville's guarantee checked by simulating many looks, and
 * its power against a Monte Carlo estimate.
 */
class RateExcessTest {

    // The gate's priors for a 99.9% objective and a 0.5-point effect: green centred on 0.6%, blue on 0.1%.
    private static final BetaMixture GREEN = BetaMixture.centredOn(0.006, 1);
    private static final BetaMixture BLUE = BetaMixture.centredOn(0.001, 1);

    @Test
    void logValue_matchesScipy() {
        assertThat(GREEN.logValue(new Tally(12, 3000), 0.002)).isCloseTo(0.8975989039794143, within(1e-9));
        assertThat(BLUE.logValue(new Tally(0, 500), 0.001)).isCloseTo(0.09445144733620592, within(1e-9));
    }

    @Test
    void evidence_isTheSmallestJointMixtureOnTheMarginsEdge_asScipyFindsIt() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);

        assertThat(test.evidence(new Tally(20, 3000), new Tally(27, 27000), 0.00025))
                .isCloseTo(11.234922831564944, within(1e-6));
        assertThat(test.evidence(new Tally(5, 450), new Tally(0, 450), 0.00025))
                .isCloseTo(1.8515531344266547, within(1e-6));
    }

    @Test
    void lowerBound_matchesScipysRootOfTheEvidence() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);

        assertThat(test.lowerBound(new Tally(20, 3000), new Tally(27, 27000)))
                .isCloseTo(0.0008301862328930495, within(1e-8));
        assertThat(test.lowerBound(new Tally(30, 400), new Tally(3, 3600)))
                .isCloseTo(0.020213432146341262, within(1e-8));
    }

    @Test
    void exceeds_onlyWhenTheLowerBoundIsAboveTheMargin() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);
        Tally green = new Tally(20, 3000);
        Tally blue = new Tally(27, 27000);
        double bound = test.lowerBound(green, blue);

        assertThat(test.exceeds(green, blue, bound - 1e-6)).isTrue();
        assertThat(test.exceeds(green, blue, bound + 1e-6)).isFalse();
        assertThat(test.exceeds(new Tally(1, 3000), blue, 0)).isFalse();
    }

    @Test
    void oneSample_lowerBoundAndTestAgree() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);
        Tally green = new Tally(40, 5000);
        double bound = test.lowerBound(green);

        assertThat(bound).isBetween(0.003, 0.008);
        assertThat(test.exceeds(green, bound - 1e-6)).isTrue();
        assertThat(test.exceeds(green, bound + 1e-6)).isFalse();
        assertThat(test.exceeds(new Tally(0, 5000), 0.0)).isFalse();
    }

    @Test
    void falseRejections_stayBelowAlpha_evenWhenLookingAfterEveryFiftyRequests() {
        // green and blue with the same 0.5% rate; 2,000 bakes of 5,000 green and 45,000 blue requests, a look after
        // every 50 green requests (100 looks each). A fixed-horizon bound at the same α would be crossed far more
        // often across that many looks.
        double alpha = 0.05;
        RateExcess test = new RateExcess(BetaMixture.centredOn(0.01, 1), BetaMixture.centredOn(0.005, 1), alpha);
        SplittableRandom random = new SplittableRandom(42);
        int bakes = 2_000;
        int crossed = 0;
        for (int bake = 0; bake < bakes; bake++) {
            long greenEvents = 0;
            long blueEvents = 0;
            for (int look = 1; look <= 100; look++) {
                greenEvents += binomial(random, 50, 0.005);
                blueEvents += binomial(random, 450, 0.005);
                if (test.exceeds(new Tally(greenEvents, 50L * look), new Tally(blueEvents, 450L * look), 0)) {
                    crossed++;
                    break;
                }
            }
        }
        assertThat((double) crossed / bakes).isLessThan(alpha);
    }

    @Test
    void power_agreesWithAMonteCarloEstimate() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);
        long greenRequests = 4_000;
        long blueRequests = 36_000;
        double computed = test.power(greenRequests, 0.006, blueRequests, 0.001, 0.00025);

        SplittableRandom random = new SplittableRandom(7);
        int trials = 3_000;
        int rejected = 0;
        for (int i = 0; i < trials; i++) {
            Tally green = new Tally(binomial(random, greenRequests, 0.006), greenRequests);
            Tally blue = new Tally(binomial(random, blueRequests, 0.001), blueRequests);
            if (test.exceeds(green, blue, 0.00025)) {
                rejected++;
            }
        }
        // 3,000 trials: a standard error of about 0.009
        assertThat(computed).isCloseTo((double) rejected / trials, within(0.035));
        assertThat(computed).isBetween(0.5, 0.99);
    }

    @Test
    void power_growsWithTrafficAndWithTheEffect() {
        RateExcess test = new RateExcess(GREEN, BLUE, 0.001);

        assertThat(test.power(1_000, 0.006, 9_000, 0.001, 0.00025))
                .isLessThan(test.power(4_000, 0.006, 36_000, 0.001, 0.00025));
        assertThat(test.power(2_000, 0.004, 18_000, 0.001, 0.00025))
                .isLessThan(test.power(2_000, 0.011, 18_000, 0.001, 0.00025));
        assertThat(test.power(0, 0.5, 100, 0.001, 0)).isZero();
    }

    private static long binomial(SplittableRandom random, long n, double p) {
        long events = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                events++;
            }
        }
        return events;
    }
}
