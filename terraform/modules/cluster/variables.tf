variable "name" {
  type        = string
  description = "Prefix for the names of everything this module creates; also the ECS cluster's name."
}

variable "service_name" {
  type        = string
  description = "The released service. Each slot's ECS service is named <service_name>-a or <service_name>-b."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the load balancer and the target groups."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Subnets of the internet-facing load balancer, in at least two availability zones."
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the load balancer."
}

variable "container_port" {
  type        = number
  description = "Port the blog listens on (its SERVER_PORT); the target groups send traffic and health checks there."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for HTTPS. When set, the production listener is HTTPS on 443 and port 80 redirects to it; when null, the production listener is HTTP on 80."
  default     = null
}

variable "test_listener_port" {
  type        = number
  description = "Port of the test listener, which a release points at green for its smoke test."
}

variable "deregistration_delay_seconds" {
  type        = number
  description = "How long a target drains before ECS stops it. Sized to the blog's drain: requests take well under a second and the blog shuts down gracefully within 20 s after SIGTERM."

  validation {
    condition     = var.deregistration_delay_seconds >= 0 && var.deregistration_delay_seconds <= 3600
    error_message = "deregistration_delay_seconds must be from 0 to 3600."
  }
}

variable "log_retention_days" {
  type        = number
  description = "How long CloudWatch Logs keeps the blog's logs."
}

variable "repository_arn" {
  type        = string
  description = "ECR repository the tasks pull the blog image from."
}

variable "posts_table_arn" {
  type        = string
  description = "The posts table."
}

variable "sign_ins_table_arn" {
  type        = string
  description = "The sign-ins table: each author's sign-out epoch and failed sign-ins."
}

variable "feed_index_arn" {
  type        = string
  description = "The feed index of the posts table, which the blog queries."
}

variable "secret_parameter_names" {
  type        = list(string)
  description = "SSM Parameter Store names (SecureString, starting with /) that ECS reads into the blog's secret environment variables at task start."
}
