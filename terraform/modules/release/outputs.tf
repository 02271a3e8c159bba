output "state_machine_arn" {
  description = "ARN of the release state machine."
  value       = aws_sfn_state_machine.release.arn
}

output "function_names" {
  description = "Lambda function name of each function bean (the release steps and planInputs), by bean name."
  value       = { for name, function in aws_lambda_function.step : name => function.function_name }
}

output "plan_function_arn" {
  description = "The planInputs Lambda's live alias, which ./greenlight plan --aws invokes (GREENLIGHT_PLAN_FUNCTION)."
  value       = aws_lambda_alias.live["planInputs"].arn
}

output "notification_topic_arn" {
  description = "SNS topic told when a release succeeds or fails."
  value       = aws_sns_topic.releases.arn
}

output "gate_alarm_names" {
  description = "CloudWatch alarms the gate reads; any in ALARM fails a step."
  value       = [for alarm in aws_cloudwatch_metric_alarm.gate : alarm.alarm_name]
}

output "dashboard_url" {
  description = "CloudWatch dashboard of releases: traffic share, requests, 5xx, latency and health by slot."
  value       = "https://${data.aws_region.current.region}.console.aws.amazon.com/cloudwatch/home?region=${data.aws_region.current.region}#dashboards/dashboard/${aws_cloudwatch_dashboard.release.dashboard_name}"
}

output "operator_policy_arn" {
  description = "IAM policy for operators running ./greenlight with --aws; attach it to their group or role."
  value       = aws_iam_policy.operator.arn
}
