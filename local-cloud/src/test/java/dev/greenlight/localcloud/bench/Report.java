package dev.greenlight.localcloud.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.greenlight.localcloud.bench.GateAccuracyBenchmark.Figures;
import dev.greenlight.localcloud.bench.SimulatedRelease.Ending;
import dev.greenlight.release.plan.ReleasePlan;

/** The benchmark's figures as a progress line, a Markdown report and CSV. */
final class Report {

    private Report() {
    }

    static String line(Figures f) {
        return String.format(Locale.ROOT, "%-16s %-26s %5.0f/s  released %7s  gate rollback %7s (first step %7s)"
                + "  inconclusive rollback %6s  unanswered pause %6s  refused %6s  median detect %s  median length %s",
                f.setting().name(), f.scenario().name(), f.rate(), pct(f.share(Ending.RELEASED)),
                pct(f.share(Ending.ROLLED_BACK)), pct(f.firstStepShare()), pct(f.share(Ending.ROLLED_BACK_INCONCLUSIVE)),
                pct(f.share(Ending.ROLLED_BACK_UNANSWERED)), pct(f.share(Ending.REFUSED)), seconds(median(f.detectSeconds())),
                seconds(median(f.releaseSeconds())));
    }

    static String markdown(List<Figures> table, List<Figures> curves, int releases, int curveReleases, int threads,
            double seconds, String args) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d simulated releases per scenario, rate and plan (%,d per point of the"
                + " power curves); %d threads, %.0f s.%n%n", releases, curveReleases, threads, seconds));
        String setting = null;
        for (Figures f : table) {
            if (!f.setting().name().equals(setting)) {
                setting = f.setting().name();
                md.append("#### ").append(setting).append(": ").append(describe(f.setting().plan())).append("\n\n");
                md.append("| scenario | requests/s | rolled back by the gate (95% CI) | at the first step |"
                        + " median / p90 time to detect | released | other endings | median release | median looks |\n");
                md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %s (%s–%s) | %s | %s / %s | %s | %s | %s | %.0f |%n",
                    f.scenario().name(), f.rate(), pct(f.share(Ending.ROLLED_BACK)),
                    pct(wilson(f.share(Ending.ROLLED_BACK), f.releases(), -1)),
                    pct(wilson(f.share(Ending.ROLLED_BACK), f.releases(), +1)), pct(f.firstStepShare()),
                    seconds(median(f.detectSeconds())), seconds(quantile(f.detectSeconds(), 0.9)),
                    pct(f.share(Ending.RELEASED)), others(f), seconds(median(f.releaseSeconds())), median(f.looks())));
            if (f == table.get(table.size() - 1) || !table.get(table.indexOf(f) + 1).setting().name().equals(setting)) {
                md.append("\n");
            }
        }
        md.append("Command: `bench/gate-accuracy.sh").append(args.isEmpty() ? "" : " " + args).append("`\n");
        return md.toString();
    }

    static String csv(List<Figures> table, List<Figures> curves) {
        StringBuilder csv = new StringBuilder("table,plan,scenario,rate,releases,released,gate_rollback,first_step,"
                + "inconclusive_rollback,unanswered_pause,refused,held,median_detect_s,median_release_s\n");
        for (List<Figures> part : List.of(table, curves)) {
            for (Figures f : part) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.0f,%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%s,%s%n",
                        part == table ? "main" : "curve", f.setting().name(), f.scenario().name(), f.rate(),
                        f.releases(), f.share(Ending.RELEASED), f.share(Ending.ROLLED_BACK), f.firstStepShare(),
                        f.share(Ending.ROLLED_BACK_INCONCLUSIVE), f.share(Ending.ROLLED_BACK_UNANSWERED),
                        f.share(Ending.REFUSED), (double) f.held() / f.releases(), median(f.detectSeconds()),
                        median(f.releaseSeconds())));
            }
        }
        return csv.toString();
    }

    private static String describe(ReleasePlan plan) {
        return String.format(Locale.ROOT, "steps %s, bakes %s s, polls every %d s; INCONCLUSIVE extends up to %d s"
                + " (%d times), then %s%s", plan.steps(), plan.bakeSeconds(), plan.controlPollSeconds(),
                plan.maxExtensionSeconds(), plan.maxInconclusiveExtensions(), plan.inconclusivePolicy(),
                plan.inconclusivePolicy() == ReleasePlan.InconclusivePolicy.PAUSE ? " (" + plan.pauseTimeoutSeconds()
                        + " s, then " + plan.pauseTimeoutAction() + ")" : "");
    }

    private static String others(Figures f) {
        List<String> parts = new ArrayList<>();
        if (f.share(Ending.ROLLED_BACK_INCONCLUSIVE) > 0) {
            parts.add("inconclusive, rolled back " + pct(f.share(Ending.ROLLED_BACK_INCONCLUSIVE)));
        }
        if (f.share(Ending.ROLLED_BACK_UNANSWERED) > 0) {
            parts.add("paused, nobody answered, rolled back " + pct(f.share(Ending.ROLLED_BACK_UNANSWERED)));
        }
        if (f.share(Ending.REFUSED) > 0) {
            parts.add("refused at pre-flight " + pct(f.share(Ending.REFUSED)));
        }
        if (f.held() > 0 && f.setting().plan().pauseTimeoutAction() == ReleasePlan.PauseTimeoutAction.PROCEED) {
            parts.add("paused for an operator " + pct((double) f.held() / f.releases()));
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** Wilson's score interval for a share, at 95%: the lower (-1) or upper (+1) end. */
    static double wilson(double share, int n, int side) {
        double z = 1.959963984540054;
        double centre = share + z * z / (2.0 * n);
        double spread = z * Math.sqrt(share * (1 - share) / n + z * z / (4.0 * n * n));
        return Math.max(0, Math.min(1, (centre + side * spread) / (1 + z * z / n)));
    }

    static Double median(List<Long> values) {
        return quantile(values, 0.5);
    }

    static Double quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return (double) sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static String seconds(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f s", value);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
