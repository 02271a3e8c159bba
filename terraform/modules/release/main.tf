data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  # One Lambda per function bean (ReleaseFunctionsApplication.FUNCTIONS): the release steps, and planInputs,
  # which operators invoke, each allowed exactly the AWS actions its code calls (deploy-check's IamTest reads them
  # from the bytecode). Every step after prepare renews the lock lease, and reads the holder (GetItem) when it lost it.
  function_actions = {
    # The pre-flight reads the gate's alarms and blue's metrics before anything is deployed.
    prepare = [
      "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData",
      "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
      "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition",
      "elasticloadbalancing:DescribeListeners",
      "iam:PassRole",
    ]
    abandonRelease = [
      "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
    ]
    deployGreen = [
      "dynamodb:GetItem", "dynamodb:UpdateItem",
      "ecs:CreateService", "ecs:DescribeServices", "ecs:UpdateService",
      "elasticloadbalancing:ModifyListener",
    ]
    checkGreenHealth = [
      "dynamodb:GetItem", "dynamodb:UpdateItem",
      "ecs:DescribeServices",
      "elasticloadbalancing:DescribeTargetHealth",
    ]
    # The smoke test only sends HTTP requests to the test listener.
    smokeTest = []
    verifyTraffic = [
      "dynamodb:GetItem", "dynamodb:UpdateItem",
      "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTargetHealth",
    ]
    shiftTraffic = [
      "dynamodb:GetItem", "dynamodb:UpdateItem",
      "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:ModifyListener",
    ]
    checkControls = [
      "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData",
      "dynamodb:GetItem", "dynamodb:UpdateItem",
    ]
    evaluateGate = [
      "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData",
      "dynamodb:GetItem", "dynamodb:UpdateItem",
    ]
    finishRelease = [
      "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
      "ecs:DeleteService", "ecs:DescribeServices",
      "elasticloadbalancing:DescribeListeners",
    ]
    rollBack = [
      "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
      "ecs:DeleteService", "ecs:DescribeServices", "ecs:UpdateService",
      "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:ModifyListener",
    ]
    # greenlight plan --aws: the configured plan, whether anything is live, and the live traffic from the ALB's metrics.
    planInputs = [
      "cloudwatch:GetMetricData",
      "elasticloadbalancing:DescribeListeners",
    ]
  }
  # Invoked by operators, not by the state machine.
  operator_functions = ["planInputs"]

  # What each action may touch. Actions without resource-level permissions in IAM (the Describe and
  # GetMetricData reads, RegisterTaskDefinition) can only name "*".
  action_resources = {
    "cloudwatch:DescribeAlarms"                 = [for alarm in aws_cloudwatch_metric_alarm.gate : alarm.arn]
    "cloudwatch:GetMetricData"                  = ["*"]
    "dynamodb:DeleteItem"                       = [var.releases_table_arn]
    "dynamodb:GetItem"                          = [var.releases_table_arn]
    "dynamodb:PutItem"                          = [var.releases_table_arn]
    "dynamodb:Query"                            = [var.releases_table_arn]
    "dynamodb:UpdateItem"                       = [var.releases_table_arn]
    "ecs:CreateService"                         = values(var.service_arns)
    "ecs:DeleteService"                         = values(var.service_arns)
    "ecs:DescribeServices"                      = values(var.service_arns)
    "ecs:UpdateService"                         = values(var.service_arns)
    "ecs:DescribeTaskDefinition"                = ["*"]
    "ecs:RegisterTaskDefinition"                = ["*"]
    "elasticloadbalancing:DescribeListeners"    = ["*"]
    "elasticloadbalancing:DescribeTargetHealth" = ["*"]
    "elasticloadbalancing:ModifyListener"       = [var.production_listener_arn, var.test_listener_arn]
    "iam:PassRole"                              = [var.task.execution_role_arn, var.task.task_role_arn]
  }

  # Every release function reads the same configuration (dev.greenlight.release.ReleaseProperties, bound
  # from greenlight.* by Spring's relaxed binding); SPRING_CLOUD_FUNCTION_DEFINITION picks the bean.
  environment = {
    MAIN_CLASS                              = "dev.greenlight.release.ReleaseFunctionsApplication"
    GREENLIGHT_SERVICE                      = var.service_name
    GREENLIGHT_CLUSTER                      = var.cluster_name
    GREENLIGHT_LISTENER_ARN                 = var.production_listener_arn
    GREENLIGHT_TEST_LISTENER_ARN            = var.test_listener_arn
    GREENLIGHT_TEST_LISTENER_URL            = var.test_listener_url
    GREENLIGHT_LOAD_BALANCER                = var.load_balancer_arn_suffix
    GREENLIGHT_SLOTS_A_TARGET_GROUP_ARN     = var.target_group_arns["A"]
    GREENLIGHT_SLOTS_A_SERVICE_NAME         = var.service_names["A"]
    GREENLIGHT_SLOTS_B_TARGET_GROUP_ARN     = var.target_group_arns["B"]
    GREENLIGHT_SLOTS_B_SERVICE_NAME         = var.service_names["B"]
    GREENLIGHT_REPOSITORY_NAME              = var.repository_name
    GREENLIGHT_REPOSITORY_URI               = var.repository_url
    GREENLIGHT_RELEASES_TABLE               = var.releases_table_name
    GREENLIGHT_DEREGISTRATION_DELAY_SECONDS = tostring(var.deregistration_delay_seconds)
    GREENLIGHT_TASK_FAMILY                  = var.task.family
    GREENLIGHT_TASK_CONTAINER_NAME          = var.task.container_name
    GREENLIGHT_TASK_CONTAINER_PORT          = tostring(var.task.container_port)
    GREENLIGHT_TASK_CPU                     = tostring(var.task.cpu)
    GREENLIGHT_TASK_MEMORY                  = tostring(var.task.memory)
    GREENLIGHT_TASK_DESIRED_COUNT           = tostring(var.task.desired_count)
    GREENLIGHT_TASK_EXECUTION_ROLE_ARN      = var.task.execution_role_arn
    GREENLIGHT_TASK_TASK_ROLE_ARN           = var.task.task_role_arn
    GREENLIGHT_TASK_LOG_GROUP               = var.task.log_group
    GREENLIGHT_TASK_REGION                  = data.aws_region.current.region
    GREENLIGHT_TASK_SUBNETS                 = join(",", var.task.subnets)
    GREENLIGHT_TASK_SECURITY_GROUPS         = join(",", var.task.security_groups)
    GREENLIGHT_TASK_ASSIGN_PUBLIC_IP        = tostring(var.task.assign_public_ip)
    GREENLIGHT_PLAN_STEPS                   = join(",", var.release_steps)
    GREENLIGHT_PLAN_BAKE_SECONDS            = join(",", var.release_bake_seconds)
    GREENLIGHT_PLAN_GATE_OBJECTIVE          = tostring(var.availability_objective)
    GREENLIGHT_PLAN_GATE_ALARM_NAMES        = join(",", [for alarm in aws_cloudwatch_metric_alarm.gate : alarm.alarm_name])
    # Maps keep their keys (the blog's variable names) only through JSON.
    SPRING_APPLICATION_JSON = jsonencode({
      greenlight = {
        task = {
          environment = var.task.environment
          secrets     = var.task.secrets
        }
      }
    })
  }

  # release.asl.json's Resource placeholders, ${<bean name, capitalized>FunctionArn}: each step invokes its
  # function through the alias, so it runs the published (SnapStart) version.
  definition_placeholders = {
    PrepareFunctionArn          = aws_lambda_alias.live["prepare"].arn
    AbandonReleaseFunctionArn   = aws_lambda_alias.live["abandonRelease"].arn
    DeployGreenFunctionArn      = aws_lambda_alias.live["deployGreen"].arn
    CheckGreenHealthFunctionArn = aws_lambda_alias.live["checkGreenHealth"].arn
    SmokeTestFunctionArn        = aws_lambda_alias.live["smokeTest"].arn
    VerifyTrafficFunctionArn    = aws_lambda_alias.live["verifyTraffic"].arn
    ShiftTrafficFunctionArn     = aws_lambda_alias.live["shiftTraffic"].arn
    CheckControlsFunctionArn    = aws_lambda_alias.live["checkControls"].arn
    EvaluateGateFunctionArn     = aws_lambda_alias.live["evaluateGate"].arn
    FinishReleaseFunctionArn    = aws_lambda_alias.live["finishRelease"].arn
    RollBackFunctionArn         = aws_lambda_alias.live["rollBack"].arn
  }

  state_machine_name = "${var.name}-release"
}

# --- the functions: one shaded jar, uploaded once, ten Lambdas ---

resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "${var.name}-functions-"
  # Holds only the jar Terraform uploads from the local build.
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_object" "release_jar" {
  bucket      = aws_s3_bucket.artifacts.id
  key         = "release-lambdas/${filemd5(var.release_jar)}.jar"
  source      = var.release_jar
  source_hash = filemd5(var.release_jar)
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.function_actions

  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "step" {
  for_each = local.function_actions

  function_name    = "${var.name}-${each.key}"
  description      = "Greenlight release function ${each.key}"
  role             = aws_iam_role.function[each.key].arn
  runtime          = "java21"
  handler          = "org.springframework.cloud.function.adapter.aws.FunctionInvoker"
  s3_bucket        = aws_s3_object.release_jar.bucket
  s3_key           = aws_s3_object.release_jar.key
  source_code_hash = filebase64sha256(var.release_jar)
  memory_size      = var.function_memory_mb
  timeout          = var.function_timeout_seconds
  # SnapStart snapshots published versions only; the alias below always points at the latest one.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = merge(local.environment, { SPRING_CLOUD_FUNCTION_DEFINITION = each.key })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  depends_on = [aws_iam_role_policy.function]
}

resource "aws_lambda_alias" "live" {
  for_each = local.function_actions

  name             = "live"
  description      = "The published version the state machine invokes"
  function_name    = aws_lambda_function.step[each.key].function_name
  function_version = aws_lambda_function.step[each.key].version
}

# --- one role per function: its own logs and the actions its step calls ---

# Unlike the other roles here, no aws:SourceAccount condition: Lambda does not document that key for assuming
# an execution role, and a condition it does not set would keep every function from starting.
data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.function_actions

  name               = "${var.name}-${each.key}"
  description        = "Greenlight release function ${each.key}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "function" {
  for_each = local.function_actions

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  dynamic "statement" {
    for_each = toset([for action in each.value : action if action != "iam:PassRole"])

    content {
      sid       = replace(statement.value, "/[^A-Za-z]/", "")
      actions   = [statement.value]
      resources = local.action_resources[statement.value]
    }
  }

  # Registering the task definition passes the blog's two roles to ECS, and nothing else.
  dynamic "statement" {
    for_each = contains(each.value, "iam:PassRole") ? toset(["iam:PassRole"]) : toset([])

    content {
      sid       = "PassTaskRoles"
      actions   = [statement.value]
      resources = local.action_resources[statement.value]

      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["ecs-tasks.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.function_actions

  name   = "release-step"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

# --- the state machine ---

resource "aws_cloudwatch_log_group" "state_machine" {
  # Under /aws/vendedlogs/ so that log delivery needs no growing resource policy.
  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_sfn_state_machine" "release" {
  name       = local.state_machine_name
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine.arn
  definition = templatefile("${path.module}/../../../statemachine/release.asl.json", local.definition_placeholders)

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine.arn}:*"
    include_execution_data = true
    level                  = "ALL"
  }

  tracing_configuration {
    enabled = true
  }

  depends_on = [aws_iam_role_policy.state_machine]
}

data "aws_iam_policy_document" "states_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "state_machine" {
  name               = local.state_machine_name
  description        = "The release state machine: invokes the release functions, writes its logs and traces"
  assume_role_policy = data.aws_iam_policy_document.states_assume.json
}

data "aws_iam_policy_document" "state_machine" {
  statement {
    sid       = "InvokeReleaseFunctions"
    actions   = ["lambda:InvokeFunction"]
    resources = [for name, alias in aws_lambda_alias.live : alias.arn if !contains(local.operator_functions, name)]
  }

  # Log delivery and X-Ray have no resource-level permissions.
  statement {
    sid = "LogDelivery"
    actions = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Tracing"
    actions   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "state_machine" {
  name   = "release"
  role   = aws_iam_role.state_machine.id
  policy = data.aws_iam_policy_document.state_machine.json
}

# --- operators: ./greenlight status|watch|history|plan|pause|resume|promote|abort|console --aws ---

# Read the releases and their executions (the console also reads each execution's history and the state machine's
# definition, to draw the workflow, and the ALB's metrics, to compare green with blue), set controls on a running
# release, and preview a release through the planInputs function. Not attached to anyone: attach it to the group or role operators use.
data "aws_iam_policy_document" "operator" {
  statement {
    sid       = "ReadReleasesAndSetControls"
    actions   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"]
    resources = [var.releases_table_arn]
  }

  statement {
    sid       = "ReadTheReleaseWorkflow"
    actions   = ["states:ListExecutions", "states:DescribeStateMachine"]
    resources = [aws_sfn_state_machine.release.arn]
  }

  statement {
    sid       = "ReadReleaseExecutions"
    actions   = ["states:DescribeExecution", "states:GetExecutionHistory"]
    resources = ["arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:execution:${aws_sfn_state_machine.release.name}:*"]
  }

  statement {
    # GetMetricData cannot be scoped to a resource
    sid       = "ReadGreenAndBlueMetrics"
    actions   = ["cloudwatch:GetMetricData"]
    resources = ["*"]
  }

  statement {
    sid       = "PreviewReleases"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.live["planInputs"].arn]
  }
}

resource "aws_iam_policy" "operator" {
  name        = "${var.name}-release-operator"
  description = "Greenlight operators: read releases and their executions, preview, pause, resume, promote or abort a release, from the CLI or the console."
  policy      = data.aws_iam_policy_document.operator.json
}

# --- an image push starts a release ---

resource "aws_cloudwatch_event_rule" "image_pushed" {
  name          = "${var.name}-image-pushed"
  description   = "A tag pushed to ${var.repository_name} starts a Greenlight release"
  event_pattern = templatefile("${path.module}/../../../statemachine/ecr-push.pattern.json", { RepositoryName = var.repository_name })
}

resource "aws_cloudwatch_event_target" "start_release" {
  rule     = aws_cloudwatch_event_rule.image_pushed.name
  arn      = aws_sfn_state_machine.release.arn
  role_arn = aws_iam_role.events.arn
}

data "aws_iam_policy_document" "events_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "events" {
  name               = "${var.name}-start-release"
  description        = "EventBridge: starts the release state machine on an image push"
  assume_role_policy = data.aws_iam_policy_document.events_assume.json
}

data "aws_iam_policy_document" "events" {
  statement {
    sid       = "StartRelease"
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.release.arn]
  }
}

resource "aws_iam_role_policy" "events" {
  name   = "start-release"
  role   = aws_iam_role.events.id
  policy = data.aws_iam_policy_document.events.json
}

# --- notifications: a release succeeded or failed ---

resource "aws_sns_topic" "releases" {
  name = "${var.name}-releases"
}

resource "aws_sns_topic_subscription" "email" {
  count = var.notification_email == null ? 0 : 1

  topic_arn = aws_sns_topic.releases.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

resource "aws_cloudwatch_event_rule" "release_ended" {
  name        = "${var.name}-release-ended"
  description = "A Greenlight release execution ended"
  event_pattern = jsonencode({
    source        = ["aws.states"]
    "detail-type" = ["Step Functions Execution Status Change"]
    detail = {
      status          = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
      stateMachineArn = [aws_sfn_state_machine.release.arn]
    }
  })
}

resource "aws_cloudwatch_event_target" "notify" {
  rule = aws_cloudwatch_event_rule.release_ended.name
  arn  = aws_sns_topic.releases.arn

  input_transformer {
    input_paths = {
      execution = "$.detail.name"
      status    = "$.detail.status"
    }
    input_template = "\"Greenlight release <execution> ended <status>.\""
  }
}

data "aws_iam_policy_document" "topic" {
  statement {
    sid       = "ReleaseEndedRule"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.releases.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.release_ended.arn]
    }
  }
}

resource "aws_sns_topic_policy" "releases" {
  arn    = aws_sns_topic.releases.arn
  policy = data.aws_iam_policy_document.topic.json
}

# --- the alarms the gate reads: a release step fails while any is in ALARM ---

resource "aws_cloudwatch_metric_alarm" "gate" {
  for_each = {
    elb-5xx = {
      description = "The load balancer itself answers 5xx (no healthy target, target connection failures)"
      namespace   = "AWS/ApplicationELB"
      metric      = "HTTPCode_ELB_5XX_Count"
      statistic   = "Sum"
      dimensions  = tomap({ LoadBalancer = var.load_balancer_arn_suffix })
      threshold   = var.elb_5xx_alarm_threshold
    }
    target-latency = {
      description = "The blog's p99 response time across both slots"
      namespace   = "AWS/ApplicationELB"
      metric      = "TargetResponseTime"
      statistic   = "p99"
      dimensions  = tomap({ LoadBalancer = var.load_balancer_arn_suffix })
      threshold   = var.latency_alarm_seconds
    }
    posts-throttled = {
      description = "Writes to the posts table are throttled"
      namespace   = "AWS/DynamoDB"
      metric      = "WriteThrottleEvents"
      statistic   = "Sum"
      dimensions  = tomap({ TableName = var.posts_table_name })
      threshold   = 0
    }
  }

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic == "p99" ? null : each.value.statistic
  extended_statistic  = each.value.statistic == "p99" ? "p99" : null
  dimensions          = each.value.dimensions
  period              = 60
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
}

# --- a dashboard for watching a release ---

locals {
  slot_metric = {
    for slot, suffix in var.target_group_arn_suffixes :
    slot => { TargetGroup = suffix, LoadBalancer = var.load_balancer_arn_suffix }
  }

  dashboard_widgets = [
    {
      type   = "metric"
      x      = 0
      y      = 0
      width  = 12
      height = 6
      properties = {
        title  = "Traffic share by slot (%), measured from requests"
        region = data.aws_region.current.region
        view   = "timeSeries"
        period = 60
        yAxis  = { left = { min = 0, max = 100 } }
        metrics = [
          ["AWS/ApplicationELB", "RequestCount", "TargetGroup", local.slot_metric["A"].TargetGroup, "LoadBalancer", var.load_balancer_arn_suffix, { id = "a", stat = "Sum", visible = false }],
          ["AWS/ApplicationELB", "RequestCount", "TargetGroup", local.slot_metric["B"].TargetGroup, "LoadBalancer", var.load_balancer_arn_suffix, { id = "b", stat = "Sum", visible = false }],
          [{ expression = "100 * FILL(a, 0) / (FILL(a, 0) + FILL(b, 0))", label = "slot A", id = "shareA" }],
          [{ expression = "100 * FILL(b, 0) / (FILL(a, 0) + FILL(b, 0))", label = "slot B", id = "shareB" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 0
      width  = 12
      height = 6
      properties = {
        title  = "Requests by slot"
        region = data.aws_region.current.region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          for slot, dims in local.slot_metric :
          ["AWS/ApplicationELB", "RequestCount", "TargetGroup", dims.TargetGroup, "LoadBalancer", dims.LoadBalancer, { label = "slot ${slot}" }]
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 6
      width  = 12
      height = 6
      properties = {
        title  = "Target 5xx by slot"
        region = data.aws_region.current.region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          for slot, dims in local.slot_metric :
          ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "TargetGroup", dims.TargetGroup, "LoadBalancer", dims.LoadBalancer, { label = "slot ${slot}" }]
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 6
      width  = 12
      height = 6
      properties = {
        title  = "p99 latency by slot (s)"
        region = data.aws_region.current.region
        view   = "timeSeries"
        period = 60
        stat   = "p99"
        metrics = [
          for slot, dims in local.slot_metric :
          ["AWS/ApplicationELB", "TargetResponseTime", "TargetGroup", dims.TargetGroup, "LoadBalancer", dims.LoadBalancer, { label = "slot ${slot}" }]
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 12
      width  = 12
      height = 6
      properties = {
        title  = "Healthy targets by slot"
        region = data.aws_region.current.region
        view   = "timeSeries"
        period = 60
        stat   = "Minimum"
        metrics = [
          for slot, dims in local.slot_metric :
          ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", dims.TargetGroup, "LoadBalancer", dims.LoadBalancer, { label = "slot ${slot}" }]
        ]
      }
    },
    {
      type   = "alarm"
      x      = 12
      y      = 12
      width  = 12
      height = 6
      properties = {
        title  = "Alarms the gate reads"
        alarms = [for alarm in aws_cloudwatch_metric_alarm.gate : alarm.arn]
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "release" {
  dashboard_name = "${var.name}-release"
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
