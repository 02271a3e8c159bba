package dev.greenlight.release.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Benchmark, not a test: the init phase of a release Lambda, i.e. what a cold start pays before the first
 * event (and what SnapStart snapshots). Each run is a fresh JVM on the shaded jar that constructs
 * FunctionInvoker, as the Lambda Java runtime does. Run with {@code bench/lambda-init.sh}.
 */
public final class LambdaInitBenchmark {

    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--init-once")) {
            long start = System.nanoTime();
            new FunctionInvoker();
            System.out.println("init-ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: LambdaInitBenchmark SHADED_JAR TEST_CLASSES   (run bench/lambda-init.sh)");
            System.exit(2);
        }
        List<Long> init = new ArrayList<>();
        List<Long> process = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            long ms = initOnce(Path.of(args[0]), Path.of(args[1]));
            process.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            init.add(ms);
        }
        Collections.sort(init);
        Collections.sort(process);
        System.out.printf("FunctionInvoker init (Spring context, SDK clients): median %d ms, min %d, max %d%n",
                init.get(RUNS / 2), init.get(0), init.get(RUNS - 1));
        System.out.printf("whole JVM run including JVM start: median %d ms%n", process.get(RUNS / 2));
        System.out.println("reproduce: bench/lambda-init.sh");
    }

    private static long initOnce(Path jar, Path testClasses) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", jar + ":" + testClasses, LambdaInitBenchmark.class.getName(), "--init-once")
                .redirectErrorStream(true);
        builder.environment().put("MAIN_CLASS", "dev.greenlight.release.ReleaseFunctionsApplication");
        builder.environment().put("SPRING_CLOUD_FUNCTION_DEFINITION", "verifyTraffic");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "bench");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().filter(l -> l.startsWith("init-ms ")).findFirst()
                .map(l -> Long.parseLong(l.substring(8).trim()))
                .orElseThrow(() -> new IllegalStateException("the init run failed:\n" + output));
    }
}
