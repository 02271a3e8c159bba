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
    void heredoc_keepsItsLinesAndInterpolates() throws IOException {
        assertThat(local("""
                <<EOT
                  keep ${var.on}
                    EOT""")).isEqualTo("  keep false\n");
    }

    @Test
    void indentedHeredoc_removesTheIndentationItsLinesShare() throws IOException {
        assertThat(local("""
                <<-EOT
                      a
                        b

                      ${var.on}
                    EOT""")).isEqualTo("a\n  b\n\nfalse\n");
    }

    @Test
    void directives_followKnownValues() throws IOException {
        assertThat(local("\"%{ if var.on }y%{ else }n%{ endif }\"")).isEqualTo("n");
        assertThat(local("\"%{ for i, v in [\"x\", \"y\"] }${i}=${v},%{ endfor }\"")).isEqualTo("0=x,1=y,");
        // as Terraform renders it: the for body is a line that does not start with a literal, so keeps its indentation
        assertThat(local("""
                <<-EOT
                    %{ for name, port in var.ports ~}
                    ${name}:${port}
                    %{ endfor ~}
                  EOT""")).isEqualTo("    a:1\n    b:2\n");
    }

    @Test
    void stripMarkers_trimOnlyTheLiteralBesideThem() throws IOException {
        assertThat(local("\"a  ${~ \"b\" ~}  c\"")).isEqualTo("abc");
        // in a heredoc each line is a literal of its own: the blank line above ${~ stays
        assertThat(local("""
                <<EOT
                x

                   ${~"q" ~}

                w
                EOT""")).isEqualTo("x\n\nq\nw\n");
    }

    @Test
    void templates_areUnknownWhereOnlyAwsKnowsTheDirectiveValue() throws IOException {
        String condition = "\"%{ if aws_thing.t.enabled }y%{ endif }\"";
        assertThat(local(condition)).isEqualTo(new Evaluator.Unknown(condition));
        assertThat(local("\"%{ for n in [\"a\"] }${n}-${aws_thing.t.id}%{ endfor }\""))
                .isEqualTo(new Evaluator.Unknown("a-${aws_thing.t.id}"));
    }

    @Test
    void unresolved_looksInsideHeredocsAndDirectives() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                variable "names" {
                  type = list(string)
                }
                locals {
                  a = <<-EOT
                    ${var.in_heredoc}
                    %{ if var.in_condition }yes%{ endif }
                    %{ for name in var.in_collection }${name}${var.in_body}%{ endfor }
                    %{ for name in var.names }${name}%{ endfor }
                  EOT
                }
                """);
        List<String> unresolved = References.unresolved(Module.load(dir));
        assertThat(String.join("\n", unresolved)).contains("var.in_heredoc", "var.in_condition", "var.in_collection",
                "var.in_body");
        assertThat(unresolved).hasSize(4);
    }

    @Test
    void malformedTemplates_failWithTheLine() {
        assertThatThrownBy(() -> Hcl.parse("locals {\n  a = <<EOT\nx\nEOT\n  b = \"%{ if true }y\"\n}\n", "f.tf"))
                .hasMessageContaining("f.tf:5").hasMessageContaining("%{ endif }");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  a = <<-EOT\n  x\n  %{ endfor }\n  EOT\n}\n", "f.tf"))
                .hasMessageContaining("f.tf:4").hasMessageContaining("without its opening directive");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  a = <<EOT\nx\n}\n", "f.tf"))
                .hasMessageContaining("f.tf:2").hasMessageContaining("not closed");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  a = <<~EOT\n  x\n  EOT\n}\n", "f.tf"))
                .hasMessageContaining("<<-");
        assertThatThrownBy(() -> Hcl.parse("locals {\n  x = [1,\n}\n", "f.tf")).isInstanceOf(Hcl.SyntaxException.class);
    }

    /** The value of {@code local.x = expression}, where var.on is false and var.ports is {a = 1, b = 2}. */
    private Object local(String expression) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                variable "on" {
                  default = false
                }
                variable "ports" {
                  default = { a = 1, b = 2 }
                }
                locals {
                  x = EXPRESSION
                }
                """.replace("EXPRESSION", expression));
        Module module = Module.load(dir);
        return Evaluator.eval(module.locals().get("x"), Evaluator.Scope.root(module, Map.of()));
    }
}
