package dev.greenlight.localcloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.greenlight.localcloud.bench.SimulatedRelease.Ending;
import dev.greenlight.localcloud.bench.SimulatedRelease.Outcome;
import dev.greenlight.localcloud.bench.SimulatedRelease.Platform;
import dev.greenlight.release.plan.ReleasePlan;

/**
 * The gate accuracy benchmark: how often the real gate (GateReadings, Gate, EvaluateGate's extension and policy)
 * rolls back a version that is no worse than blue, and how often and how fast it catches worse ones, over many
 * simulated releases of request-level traffic turned into the metrics CloudWatch reports.
 *
 * <p>Usage: {@code GateAccuracyBenchmark [--releases N] [--curve-releases N] [--threads N] [--rates 10,60,300]
 * [--out DIR] [--png FILE]}; {@code --releases 0} runs only the power curves.
 */
public final class GateAccuracyBenchmark {

    /**
     * The blog as measured on the local system under 60 requests a second (p50 3.9 ms, p90 7.6, p99 23, p99.9 90),
     * with the 0.1% 5xx baseline the scenarios start from.
     */
    static final Scenario.Baseline BLOG = new Scenario.Baseline(0.001, 3.94, 0.455, 0.115, 1.31);

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("A/A (cold start only)", Scenario.Kind.SAME, 0),
            new Scenario("A/A, warm-up twice as long", Scenario.Kind.SLOW_WARMUP, 2),
            new Scenario("5xx +0.2 points", Scenario.Kind.ERRORS, 0.002),
            new Scenario("5xx +0.5 points", Scenario.Kind.ERRORS, 0.005),
            new Scenario("5xx +1 point", Scenario.Kind.ERRORS, 0.01),
            new Scenario("5xx +2 points", Scenario.Kind.ERRORS, 0.02),
            new Scenario("latency x1.2", Scenario.Kind.SLOWER, 1.2),
            new Scenario("latency x1.5", Scenario.Kind.SLOWER, 1.5),
            new Scenario("latency x2", Scenario.Kind.SLOWER, 2),
            new Scenario("latency +300 ms", Scenario.Kind.ADDED_MS, 300),
            new Scenario("p99 x3, median unchanged", Scenario.Kind.TAIL, 3));

    private GateAccuracyBenchmark() {
    }

    /** A plan and where it runs. */
    record Setting(String name, ReleasePlan plan, Platform platform) {
    }

    /** The figures of one scenario at one rate with one plan. */
    record Figures(Setting setting, Scenario scenario, double rate, int releases, Map<Ending, Integer> endings,
            int caughtAtFirstStep, int held, List<Long> detectSeconds, List<Long> releaseSeconds, List<Long> looks) {

        double share(Ending ending) {
            return (double) endings.getOrDefault(ending, 0) / releases;
        }

        double firstStepShare() {
            return (double) caughtAtFirstStep / releases;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        int releases = Integer.parseInt(flags.getOrDefault("--releases", "10000"));
        int curveReleases = Integer.parseInt(flags.getOrDefault("--curve-releases", "2000"));
        int threads = Integer.parseInt(flags.getOrDefault("--threads",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        List<Double> rates = List.of(flags.getOrDefault("--rates", "10,60,300").split(",")).stream()
                .map(Double::parseDouble).toList();
        Path root = Path.of(System.getProperty("greenlight.root", "."));
        Path out = Path.of(flags.getOrDefault("--out", root.resolve("local-cloud/target/gate-accuracy").toString()));
        Path png = Path.of(flags.getOrDefault("--png", root.resolve("docs/gate-power.png").toString()));
        Files.createDirectories(out);

        List<Setting> settings = settings(root);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Figures> table = new ArrayList<>();
        try {
            // --releases 0 draws only the power curves
            for (Setting setting : releases > 0 ? settings : List.<Setting>of()) {
                for (Scenario scenario : SCENARIOS) {
                    for (double rate : rates) {
                        Figures figures = run(pool, setting, scenario, rate, releases);
                        table.add(figures);
                        System.out.println(Report.line(figures));
                    }
                }
            }
            List<Figures> curves = PowerCurves.run(settings, rates, curveReleases,
                    (setting, scenario, rate, n) -> run(pool, setting, scenario, rate, n));
            PowerCurves.draw(curves, png);
            String report = Report.markdown(table, curves, releases, curveReleases, threads,
                    (System.nanoTime() - started) / 1e9, String.join(" ", args));
            Files.writeString(out.resolve("results.md"), report);
            Files.writeString(out.resolve("results.csv"), Report.csv(table, curves));
            System.out.println();
            System.out.println(report);
            System.out.println("power curves: " + png);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The local plan (local-release.properties over the functions' defaults) and the default AWS plan. */
    static List<Setting> settings(Path root) throws IOException {
        Properties aws = load(root.resolve("release-lambdas/src/main/resources/application.properties"));
        Properties local = new Properties();
        local.putAll(aws);
        local.putAll(load(root.resolve(
                "local-cloud/src/main/resources/dev/greenlight/localcloud/system/local-release.properties")));
        return List.of(
                new Setting("local plan", plan(local), new Platform(1, 0, 10, 1)),
                new Setting("default AWS plan", plan(aws), new Platform(60, 60, 120, 2)));
    }

    static ReleasePlan plan(Properties properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        properties.forEach((key, value) -> map.put((String) key, value));
        return new Binder(new MapConfigurationPropertySource(map)).bind("greenlight.plan", ReleasePlan.class).get()
                .validated();
    }

    static Figures run(ExecutorService pool, Setting setting, Scenario scenario, double rate, int releases)
            throws Exception {
        int chunks = 64;
        List<Future<List<Outcome>>> parts = new ArrayList<>();
        for (int chunk = 0; chunk < chunks; chunk++) {
            int from = releases * chunk / chunks;
            int to = releases * (chunk + 1) / chunks;
            long seedBase = (long) scenario.name().hashCode() * 1_000_003L + (long) rate * 7919L
                    + setting.name().hashCode();
            parts.add(pool.submit(() -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    // consecutive seeds: SplittableRandom mixes them into unrelated streams (seeds a multiple of its
                    // own increment apart would give the same stream shifted)
                    outcomes.add(new SimulatedRelease(setting.plan(), setting.platform(), scenario, BLOG, rate,
                            seedBase + i).run());
                }
                return outcomes;
            }));
        }
        Map<Ending, Integer> endings = new LinkedHashMap<>();
        int firstStep = 0;
        int held = 0;
        List<Long> detect = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        List<Long> looks = new ArrayList<>();
        for (Future<List<Outcome>> part : parts) {
            for (Outcome outcome : part.get()) {
                endings.merge(outcome.ending(), 1, Integer::sum);
                if (outcome.ending() == Ending.ROLLED_BACK) {
                    detect.add(outcome.detectSeconds());
                    if (outcome.step() == 0) {
                        firstStep++;
                    }
                }
                if (outcome.held()) {
                    held++;
                }
                lengths.add(outcome.seconds());
                looks.add((long) outcome.looks());
            }
        }
        return new Figures(setting, scenario, rate, releases, endings, firstStep, held, detect, lengths, looks);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("flags come as --name value; unexpected: " + args[i]);
            }
            flags.put(args[i], args[++i]);
        }
        return flags;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
