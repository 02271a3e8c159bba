output "cluster_name" {
  description = "Name of the ECS cluster the blog services run in."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_names" {
  description = "Name of the ECS service of each slot, by slot (A, B). The release functions create and delete these services; Terraform does not."
  value       = { for slot in local.slots : slot => "${var.service_name}-${lower(slot)}" }
}

output "service_arns" {
  description = "ARN of each slot's ECS service, by slot, for IAM."
  value = {
    for slot in local.slots :
    slot => "arn:${data.aws_partition.current.partition}:ecs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:service/${aws_ecs_cluster.this.name}/${var.service_name}-${lower(slot)}"
  }
}

output "target_group_arns" {
  description = "Target group of each slot, by slot (A, B)."
  value       = { for slot, group in aws_lb_target_group.slot : slot => group.arn }
}

output "target_group_arn_suffixes" {
  description = "CloudWatch TargetGroup dimension of each slot, by slot."
  value       = { for slot, group in aws_lb_target_group.slot : slot => group.arn_suffix }
}

output "load_balancer_arn_suffix" {
  description = "The load balancer's CloudWatch dimension, app/<name>/<id>."
  value       = aws_lb.this.arn_suffix
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "blog_url" {
  description = "URL of the blog through the production listener."
  value       = "${local.https ? "https" : "http"}://${aws_lb.this.dns_name}"
}

output "production_listener_arn" {
  description = "The listener whose weights a release shifts."
  value       = aws_lb_listener.production.arn
}

output "test_listener_arn" {
  description = "The listener a release points at green for its smoke test."
  value       = aws_lb_listener.test.arn
}

output "test_listener_url" {
  description = "Base URL of the test listener."
  value       = "http://${aws_lb.this.dns_name}:${var.test_listener_port}"
}

output "log_group_name" {
  description = "Log group of the blog tasks."
  value       = aws_cloudwatch_log_group.blog.name
}

output "task_execution_role_arn" {
  description = "Role ECS uses to start blog tasks."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Role the blog runs as."
  value       = aws_iam_role.task.arn
}
