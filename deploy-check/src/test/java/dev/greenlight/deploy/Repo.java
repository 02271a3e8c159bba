package dev.greenlight.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Module;

/** The repository the tests check, and its Terraform configuration as a plan with example.tfvars would see it. */
final class Repo {

    static final Path ROOT = root();
    static final Path TERRAFORM = ROOT.resolve("terraform");

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + relative, e);
        }
    }

    static Module terraformRoot() {
        return Module.load(TERRAFORM);
    }

    /** The root module's scope with the example tfvars as input, as a user's first plan would have it. */
    static Evaluator.Scope rootScope() {
        Module root = terraformRoot();
        return Evaluator.Scope.root(root, Evaluator.tfvars(TERRAFORM.resolve("example.tfvars"), root));
    }

    private static Path root() {
        String configured = System.getProperty("greenlight.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir.toAbsolutePath().normalize();
    }
}
