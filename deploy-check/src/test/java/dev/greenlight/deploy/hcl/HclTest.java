package dev.greenlight.deploy.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HCL reader understands what the Terraform here uses, and finds what does not resolve. */
class HclTest {

    @TempDir
    Path dir;

    @Test
    void unresolved_namesEveryKindOfMissingDeclaration() throws IOException {
        Files.createDirectories(dir.resolve("child"));
        Files.writeString(dir.resolve("child/outputs.tf"), """
                output "present" {
                  value = 1
                }
                """);
        Files.writeString(dir.resolve("main.tf"), """
                variable "known" {
                  type = string
                }
                locals {
                  a = var.known
                  b = var.unknown
                  c = "${local.missing}-x"
                  d = [for k, v in var.known : "${k}${v}" if v != ""]
                  e = { for x in aws_thing.present : x.id => x }
                }
                resource "aws_thing" "present" {
                  name = module.child.present
                  tags = { a = module.child.absent, b = data.aws_x.y.id }
                  arn  = aws_thing.absent.arn
                  dynamic "rule" {
                    for_each = var.known
                    content {
                      v = rule.value
                    }
                  }
                  lifecycle {
                    ignore_changes = [tags]
                  }
                }
                module "child" {
                  source = "./child"
                }
                """);
        List<String> unresolved = References.unresolved(Module.load(dir));
        assertThat(unresolved).hasSize(5);
        assertThat(String.join("\n", unresolved)).contains("var.unknown", "local.missing", "module.child.absent",
                "data.aws_x.y.id", "aws_thing.absent.arn");
    }

    @Test
    void evaluation_followsVariablesLocalsModuleOutputsAndFunctions() throws IOException {
        Files.createDirectories(dir.resolve("child"));
        Files.writeString(dir.resolve("child/main.tf"), """
                variable "ports" {
                  type = list(number)
                }
                output "joined" {
                  value = join(",", [for p in var.ports : tostring(p + 1)])
                }
                """);
        Files.writeString(dir.resolve("main.tf"), """
                variable "name" {
                  type    = string
                  default = "blog"
                }
                variable "region" {
                  type = string
                }
                locals {
                  env = merge({ A = "${var.name}-a", B = var.region == "x" ? 1 : 2 }, { C = module.child.joined })
                  json = jsonencode({ k = local.env, u = aws_lb.this.arn })
                }
                module "child" {
                  source = "./child"
                  ports  = [80, 8080]
                }
                """);
        Module root = Module.load(dir);
        Evaluator.Scope scope = Evaluator.Scope.root(root, Map.of("region", "x"));
        Object env = Evaluator.eval(root.locals().get("env"), scope);
        assertThat(env).isEqualTo(Map.of("A", "blog-a", "B", BigDecimal.ONE, "C", "81,8081"));
        assertThat((String) Evaluator.eval(root.locals().get("json"), scope))
                .isEqualTo("{\"k\":{\"A\":\"blog-a\",\"B\":1,\"C\":\"81,8081\"},\"u\":\"(known after apply: aws_lb.this.arn)\"}");
    }

    @Test
    void unsupportedSyntax_failsWithTheLine() {
        assertThatThrownBy(() -> Hcl.parse("locals {\n  x = <<EOT\nhi\nEOT\n}\n", "f.tf"))
                .hasMessageContaining("f.tf:2").hasMessageContaining("heredoc");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  x = \"%{ if true }y%{ endif }\"\n}\n", "f.tf"))
                .hasMessageContaining("directives");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  x = [1,\n}\n", "f.tf")).isInstanceOf(Hcl.SyntaxException.class);
    }
}
