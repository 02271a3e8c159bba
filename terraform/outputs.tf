output "blog_url" {
  description = "The blog. Answers 503 until the first image push has been released."
  value       = module.cluster.blog_url
}

output "state_machine_arn" {
  description = "The release state machine; each image push is one execution."
  value       = module.release.state_machine_arn
}

output "repository_url" {
  description = "Push blog images here (a new tag starts a release)."
  value       = module.registry.repository_url
}

output "dashboard_url" {
  description = "CloudWatch dashboard to watch a release."
  value       = module.release.dashboard_url
}

output "test_listener_url" {
  description = "The test listener: the green version during a release's smoke test."
  value       = module.cluster.test_listener_url
}

output "build_project_name" {
  description = "The CodeBuild project that tests, builds and pushes the blog image."
  value       = module.registry.build_project_name
}

output "cluster_name" {
  description = "ECS cluster of the blog services."
  value       = module.cluster.cluster_name
}

output "notification_topic_arn" {
  description = "SNS topic told when a release succeeds or fails."
  value       = module.release.notification_topic_arn
}

output "plan_function_arn" {
  description = "Set GREENLIGHT_PLAN_FUNCTION to it for ./greenlight plan --aws."
  value       = module.release.plan_function_arn
}

output "operator_policy_arn" {
  description = "IAM policy for operators running ./greenlight with --aws; attach it to their group or role."
  value       = module.release.operator_policy_arn
}

output "load_balancer_dimension" {
  description = "Set GREENLIGHT_LOAD_BALANCER to it for ./greenlight console --aws: the ALB's CloudWatch dimension, for green's and blue's metrics per period."
  value       = module.cluster.load_balancer_arn_suffix
}
