package dev.greenlight.release;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.steps.AbandonRelease;
import dev.greenlight.release.steps.Admission;
import dev.greenlight.release.steps.CheckControls;
import dev.greenlight.release.steps.CheckGreenHealth;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.EvaluateGate;
import dev.greenlight.release.steps.FinishRelease;
import dev.greenlight.release.steps.Forecaster;
import dev.greenlight.release.steps.GateWindow;
import dev.greenlight.release.steps.Lease;
import dev.greenlight.release.steps.PlanInputs;
import dev.greenlight.release.steps.Listener;
import dev.greenlight.release.steps.Preflight;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.steps.RollBack;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.steps.SmokeTest;
import dev.greenlight.release.steps.Timeline;
import dev.greenlight.release.steps.VerifyTraffic;
import dev.greenlight.release.store.ReleaseRecords;

/** The steps, each built once with only what it uses. */
@Configuration(proxyBeanMethods = false)
class ReleaseStepsConfiguration {

    @Bean
    Prepare prepareStep(ReleaseProperties properties, Admission admission, Listener listener, Services services,
            Metrics metrics, ReleaseRecords records, Timeline timeline) {
        // the configured plan must be valid before the first release asks for it
        properties.plan().validated();
        return new Prepare(properties, admission, listener, services, new Preflight(metrics),
                new Forecaster(metrics, properties), records, timeline);
    }

    @Bean
    PlanInputs planInputsStep(ReleaseProperties properties, Traffic traffic, Metrics metrics) {
        return new PlanInputs(properties, traffic, metrics);
    }

    @Bean
    AbandonRelease abandonReleaseStep(ReleaseProperties properties, Admission admission, ReleaseRecords records) {
        return new AbandonRelease(admission, records, properties.service(), properties.repositoryName());
    }

    @Bean
    DeployGreen deployGreenStep(ReleaseProperties properties, Lease lease, Services services, Traffic traffic,
            ReleaseRecords records, Timeline timeline) {
        return new DeployGreen(lease, services, traffic, properties.testListenerArn(), records, timeline);
    }

    @Bean
    CheckGreenHealth checkGreenHealthStep(Lease lease, Services services, Traffic traffic,
            ReleaseRecords records) {
        return new CheckGreenHealth(lease, services, traffic, records);
    }

    @Bean
    SmokeTest smokeTestStep(ReleaseProperties properties) {
        return new SmokeTest(properties.testListenerUrl(), properties.smokePaths(), properties.smokeRequests());
    }

    @Bean
    VerifyTraffic verifyTrafficStep(ReleaseProperties properties, Lease lease, Listener listener,
            Traffic traffic, ReleaseRecords records) {
        return new VerifyTraffic(lease, listener, traffic, records, properties.task().desiredCount());
    }

    @Bean
    ShiftTraffic shiftTrafficStep(Lease lease, Listener listener, ReleaseRecords records, Timeline timeline) {
        return new ShiftTraffic(lease, listener, records, timeline);
    }

    @Bean
    CheckControls checkControlsStep(Lease lease, ReleaseRecords records, GateWindow gate, Timeline timeline) {
        return new CheckControls(lease, records, gate, timeline);
    }

    @Bean
    EvaluateGate evaluateGateStep(Lease lease, GateWindow gate, ReleaseRecords records, Timeline timeline) {
        return new EvaluateGate(lease, gate, records, timeline);
    }

    @Bean
    FinishRelease finishReleaseStep(Lease lease, Listener listener, Services services, ReleaseRecords records,
            Timeline timeline) {
        return new FinishRelease(lease, listener, services, records, timeline);
    }

    @Bean
    RollBack rollBackStep(Lease lease, Listener listener, Services services, Traffic traffic,
            ReleaseRecords records, Timeline timeline) {
        return new RollBack(lease, listener, services, traffic, records, timeline);
    }
}
