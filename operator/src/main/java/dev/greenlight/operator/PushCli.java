package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push", description = {"Publish a blog jar as a new image on the local cloud, which starts a release.",
        "On AWS, CodeBuild pushes images (buildspec.yaml)."})
final class PushCli implements CliCommand {

    @Option(names = "--tag", paramLabel = "T", description = "The new image tag (default build-<UTC yyyyMMdd-HHmmss>).")
    private String tag;
    @Option(names = "--jar", paramLabel = "PATH", description = "The blog jar (default blog-web/target/blog-web.jar).")
    private String jar;
    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable baked into the image;"
            + " repeat for more.")
    private List<String> env = new ArrayList<>();
    @Mixin
    private PlanOptions planOptions;
    @Option(names = "--watch", description = "Follow the release the push starts, as watch does.")
    private boolean watch;
    @Option(names = "--aws", hidden = true)
    private boolean aws;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    PushCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        if (aws) {
            throw CliException.invalid("on AWS, CodeBuild pushes images (buildspec.yaml); push is for the local cloud");
        }
        PushRequest request = PushRequest.from(new PushRequest.Given(tag, jar, env, planOptions.steps,
                planOptions.bake, planOptions.plan), context.env(),
                context.clock());
        return new PushCommand(context.out(), context.watchInterval(), context.terminal())
                .run(request, Target.local(context.env()), watch);
    }
}
