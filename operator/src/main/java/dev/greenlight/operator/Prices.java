package dev.greenlight.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.greenlight.release.preview.Preview;

/**
 * The price table a release is costed with, from {@code prices.properties} (or the file $GREENLIGHT_PRICES names),
 * which says its region and the date its prices were read.
 *
 * @param region               where the prices apply
 * @param date                 when they were read
 * @param fargateVcpuHour      Fargate, per vCPU-hour
 * @param fargateGbHour        Fargate, per GB-hour
 * @param transitionsPer1000   Step Functions standard, per 1,000 state transitions
 * @param lambdaPerMillion     Lambda, per million requests
 * @param lambdaGbSecond       Lambda, per GB-second
 * @param lambdaMemoryMb       the functions' memory
 * @param metricsPer1000       CloudWatch GetMetricData, per 1,000 metrics requested
 */
record Prices(String region, String date, double fargateVcpuHour, double fargateGbHour, double transitionsPer1000,
        double lambdaPerMillion, double lambdaGbSecond, int lambdaMemoryMb, double metricsPer1000) {

    /**
     * What a release costs on AWS, in US dollars.
     *
     * @param fargate       the tasks green adds while blue still runs
     * @param stepFunctions the state transitions
     * @param lambda        the function calls and their GB-seconds
     * @param cloudWatch    the metrics the gate's looks request
     */
    record Cost(double fargate, double stepFunctions, double lambda, double cloudWatch) {

        double total() {
            return fargate + stepFunctions + lambda + cloudWatch;
        }
    }

    static Prices load(java.util.Map<String, String> env) {
        String file = env.get("GREENLIGHT_PRICES");
        Properties properties = new Properties();
        try {
            if (file != null && !file.isBlank()) {
                try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                    properties.load(reader);
                }
            } else {
                try (InputStream in = Prices.class.getResourceAsStream("prices.properties")) {
                    properties.load(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw CliException.invalid("cannot read the price table " + (file == null ? "prices.properties" : file)
                    + ": " + e.getMessage());
        }
        return new Prices(text(properties, "region"), text(properties, "date"),
                number(properties, "fargate.vcpu-hour"), number(properties, "fargate.gb-hour"),
                number(properties, "stepfunctions.per-1000-transitions"),
                number(properties, "lambda.per-million-requests"), number(properties, "lambda.gb-second"),
                (int) number(properties, "lambda.memory-mb"), number(properties, "cloudwatch.per-1000-metrics"));
    }

    /**
     * @param cpu         the task's CPU units (1024 to a vCPU)
     * @param memory      the task's memory in MiB
     * @param callSeconds how long a function call takes
     */
    Cost cost(Preview preview, String cpu, String memory, double callSeconds) {
        double taskSeconds = preview.extraTasks() * preview.overlapSeconds();
        double vcpu = units(cpu, "cpu") / 1024.0;
        double gb = units(memory, "memory") / 1024.0;
        double fargate = taskSeconds / 3600 * (vcpu * fargateVcpuHour + gb * fargateGbHour);
        double transitions = preview.transitions() / 1000.0 * transitionsPer1000;
        double lambda = preview.functionCalls() / 1e6 * lambdaPerMillion
                + preview.functionCalls() * callSeconds * lambdaMemoryMb / 1024.0 * lambdaGbSecond;
        double metrics = preview.metricsRequested() / 1000.0 * metricsPer1000;
        return new Cost(fargate, transitions, lambda, metrics);
    }

    private static double units(String value, String name) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw CliException.invalid("the task's " + name + " is not a number: " + value);
        }
    }

    private static String text(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw CliException.invalid("the price table has no " + key);
        }
        return value.trim();
    }

    private static double number(Properties properties, String key) {
        String value = text(properties, key);
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && !Double.isInfinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.invalid("the price table's " + key + " must be a number of at least 0, not " + value);
    }
}
