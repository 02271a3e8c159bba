variable "name" {
  type        = string
  description = "Prefix for the names of everything this module creates. Each function is named <name>-<bean name>."
}

variable "service_name" {
  type        = string
  description = "The released service (GREENLIGHT_SERVICE): the partition of its items in the Releases table."
}

variable "release_jar" {
  type        = string
  description = "Path of the release functions' shaded jar, built by ./mvnw -pl release-lambdas -am package."
}

variable "function_memory_mb" {
  type        = number
  description = "Memory of each release function; Lambda gives CPU in proportion."
  default     = 1024
}

variable "function_timeout_seconds" {
  type        = number
  description = "Timeout of each release function. Below the 300 s TimeoutSeconds of the state machine's tasks, so Lambda ends a stuck invocation first."
  default     = 120

  validation {
    condition     = var.function_timeout_seconds >= 10 && var.function_timeout_seconds < 300
    error_message = "function_timeout_seconds must be from 10 to 299."
  }
}

variable "log_retention_days" {
  type        = number
  description = "How long CloudWatch Logs keeps the functions' and the state machine's logs."
}

variable "cluster_name" {
  type        = string
  description = "ECS cluster the release deploys the blog services into."
}

variable "service_names" {
  type        = map(string)
  description = "ECS service name of each slot, by slot (A, B)."
}

variable "service_arns" {
  type        = map(string)
  description = "ECS service ARN of each slot, by slot (A, B)."
}

variable "target_group_arns" {
  type        = map(string)
  description = "Target group of each slot, by slot (A, B)."
}

variable "target_group_arn_suffixes" {
  type        = map(string)
  description = "CloudWatch TargetGroup dimension of each slot, by slot (A, B)."
}

variable "load_balancer_arn_suffix" {
  type        = string
  description = "CloudWatch LoadBalancer dimension of the load balancer, app/<name>/<id>."
}

variable "production_listener_arn" {
  type        = string
  description = "The listener whose weights a release shifts."
}

variable "test_listener_arn" {
  type        = string
  description = "The listener a release points at green for the smoke test."
}

variable "test_listener_url" {
  type        = string
  description = "Base URL of the test listener, for the smoke test's requests."
}

variable "repository_name" {
  type        = string
  description = "ECR repository whose tag pushes start a release."
}

variable "repository_url" {
  type        = string
  description = "URI of that repository; releases run images by digest, <uri>@sha256:..."
}

variable "releases_table_name" {
  type        = string
  description = "Name of the Releases table."
}

variable "releases_table_arn" {
  type        = string
  description = "ARN of the Releases table."
}

variable "posts_table_name" {
  type        = string
  description = "Name of the posts table, watched by one of the gate's alarms."
}

variable "deregistration_delay_seconds" {
  type        = number
  description = "The target groups' deregistration delay: blue is deleted only after the load balancer has routed nothing to it for this long."
}

variable "task" {
  type = object({
    family             = string
    container_name     = string
    container_port     = number
    cpu                = number
    memory             = number
    desired_count      = number
    execution_role_arn = string
    task_role_arn      = string
    log_group          = string
    subnets            = list(string)
    security_groups    = list(string)
    assign_public_ip   = bool
    environment        = map(string)
    secrets            = map(string)
  })
  description = "The blog's task definition, which the release registers with each release's image: Fargate size, tasks per service, roles, logs, network, and the container's environment and secrets (variable name to SSM parameter ARN)."
}

variable "release_steps" {
  type        = list(number)
  description = "Green's share of traffic at each step of a release, in percent, increasing and ending at 100."
  default     = [10, 50, 100]

  validation {
    condition     = length(var.release_steps) > 0 && var.release_steps[length(var.release_steps) - 1] == 100
    error_message = "release_steps must end at 100."
  }
}

variable "release_bake_seconds" {
  type        = list(number)
  description = "How long each step is watched before its gate, one entry per release step."
  default     = [300, 300, 300]
}

variable "availability_objective" {
  type        = number
  description = "The blog's availability objective: the share of requests that must not be answered with a 5xx. The release gate holds green's 5xx rate to blue's plus a quarter of the error budget it leaves (1 - objective)."
  default     = 0.999

  validation {
    condition     = var.availability_objective >= 0.5 && var.availability_objective < 1
    error_message = "availability_objective must be from 0.5 up to (not including) 1."
  }
}

variable "elb_5xx_alarm_threshold" {
  type        = number
  description = "5xx answers of the load balancer itself per minute that put the gate's balancer alarm in ALARM."
  default     = 10
}

variable "latency_alarm_seconds" {
  type        = number
  description = "p99 target response time, in seconds, that puts the gate's latency alarm in ALARM."
  default     = 2
}

variable "notification_email" {
  type        = string
  description = "Address subscribed to the release notifications topic; null for none (subscribe later)."
  default     = null
}
