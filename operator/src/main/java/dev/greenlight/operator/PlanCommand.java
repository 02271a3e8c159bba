package dev.greenlight.operator;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.preview.PlanPreview;
import dev.greenlight.release.preview.Preview;
import dev.greenlight.release.preview.Traffic;

/**
 * {@code plan [--steps ..] [--bake ..] [--plan JSON] [--rate N] [--window S] [--json]}: what a push with this plan
 * would take, cost and be able to catch, at the live traffic or an assumed rate, computed by the gate's own code.
 */
final class PlanCommand {

    static final int MIN_WINDOW = 60;
    static final int MAX_WINDOW = 86_400;
    /** A rate beyond any blog's: a typo, not a forecast. */
    static final double MAX_RATE = 1_000_000;

    private final PrintStream out;
    private final Map<String, String> env;

    PlanCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(PlanInputSource source, PlanFlags flags, Double rate, int window, boolean json) throws InterruptedException {
        Prices prices = Prices.load(env);
        PlanInputSource.Inputs inputs = source.inputs(flags.override(), window);
        Traffic traffic = rate == null ? inputs.traffic()
                : new Traffic(rate, inputs.traffic().errorRate(), inputs.traffic().latency(),
                        String.format(Locale.ROOT, "--rate %s, with the live 5xx rate and response times", number(rate)));
        Preview preview = PlanPreview.of(inputs.plan(), traffic, inputs.setup());
        Prices.Cost cost = prices.cost(preview, inputs.cpu(), inputs.memory(), inputs.setup().callSeconds());
        out.print(json ? PlanView.json(preview, prices, cost) : PlanView.text(preview, prices, cost));
        return GreenlightCli.OK;
    }

    /** --rate: requests a second, a number from 0 to {@link #MAX_RATE}. */
    static Double rate(String text) {
        if (text == null) {
            return null;
        }
        try {
            double rate = Double.parseDouble(text.trim());
            if (rate >= 0 && rate <= MAX_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.invalid("--rate must be requests a second, a number from 0 to " + number(MAX_RATE)
                + ", not " + text);
    }

    /** --window: seconds of live traffic to read, a whole number from {@link #MIN_WINDOW} to {@link #MAX_WINDOW}. */
    static int window(String text) {
        try {
            int window = Integer.parseInt(text.trim());
            if (window >= MIN_WINDOW && window <= MAX_WINDOW) {
                return window;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.invalid("--window must be whole seconds from " + MIN_WINDOW + " to " + MAX_WINDOW
                + ", not " + text);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
