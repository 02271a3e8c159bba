variable "region" {
  type        = string
  description = "AWS region to deploy into. It is set once, here, on the provider; every module reads it back from the provider."
}

variable "name" {
  type        = string
  description = "Prefix for the names of everything Greenlight creates (cluster, load balancer, functions, roles)."
  default     = "greenlight"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name))
    error_message = "name must be 2 to 21 lowercase letters, digits or dashes, starting with a letter (load balancer and target group names are short)."
  }
}

variable "service_name" {
  type        = string
  description = "The released service; its ECS services are <service_name>-a and <service_name>-b."
  default     = "blog"
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = { Project = "greenlight" }
}

# --- network ---

variable "use_default_vpc" {
  type        = bool
  description = "Use the account's default VPC (tasks in its public subnets with public IPs) instead of a new VPC with private subnets and VPC endpoints. Cheaper, less isolated."
  default     = false
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the new VPC."
  default     = "10.40.0.0/16"
}

variable "availability_zone_count" {
  type        = number
  description = "Availability zones to spread the load balancer and the tasks over."
  default     = 2
}

variable "ingress_cidr_blocks" {
  type        = list(string)
  description = "Who may read the blog."
  default     = ["0.0.0.0/0"]
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate ARN for HTTPS on 443 (HTTP then redirects); null serves HTTP on 80 only."
  default     = null
}

variable "test_listener_port" {
  type        = number
  description = "Port of the test listener the smoke test uses to reach green before it gets real traffic."
  default     = 9000
}

variable "test_listener_cidr_blocks" {
  type        = list(string)
  description = "Who may reach the test listener. The smoke test Lambda runs outside the VPC, so this must include AWS's public addresses in the region; 0.0.0.0/0 by default."
  default     = ["0.0.0.0/0"]
}

# --- the blog ---

variable "container_port" {
  type        = number
  description = "Port the blog listens on inside its container (SERVER_PORT)."
  default     = 8080
}

variable "task_cpu" {
  type        = number
  description = "Fargate CPU units per blog task (256, 512, 1024, ...)."
  default     = 512
}

variable "task_memory" {
  type        = number
  description = "Fargate memory per blog task, in MiB; must fit task_cpu."
  default     = 1024
}

variable "desired_count" {
  type        = number
  description = "Blog tasks per service (per slot while it is live or green)."
  default     = 2
}

variable "deregistration_delay_seconds" {
  type        = number
  description = "How long a blog task drains from its target group before ECS stops it; the release waits as long before deleting blue."
  default     = 30
}

variable "blog_author" {
  type        = string
  description = "User name of the blog's author, who may sign in and write posts."
}

variable "blog_base_url" {
  type        = string
  default     = null
  description = "The blog's public address, which the links in its feed start with (for example a domain in front of the load balancer); null means the load balancer's URL."
}

variable "author_password_hash_parameter" {
  type        = string
  description = "Name of an SSM SecureString parameter holding the author's bcrypt password hash, e.g. /greenlight/author-password-hash. Create it before applying (see the README)."

  validation {
    condition     = startswith(var.author_password_hash_parameter, "/")
    error_message = "author_password_hash_parameter must be a parameter name starting with /."
  }
}

variable "session_secret_parameter" {
  type        = string
  description = "Name of an SSM SecureString parameter holding the key that signs sign-in cookies (at least 32 random bytes), e.g. /greenlight/session-secret."

  validation {
    condition     = startswith(var.session_secret_parameter, "/")
    error_message = "session_secret_parameter must be a parameter name starting with /."
  }
}

variable "log_retention_days" {
  type        = number
  description = "How long CloudWatch Logs keeps logs of the blog, the release and the builds."
  default     = 30
}

variable "table_deletion_protection" {
  type        = bool
  description = "Protect the posts and Releases tables from deletion. Set to false and apply before terraform destroy."
  default     = true
}

# --- build and release ---

variable "repository_name" {
  type        = string
  description = "Name of the ECR repository of the blog image."
  default     = "greenlight-blog"
}

variable "keep_images" {
  type        = number
  description = "How many blog images ECR keeps."
  default     = 30
}

variable "force_delete_repository" {
  type        = bool
  description = "Let terraform destroy delete the image repository with its images."
  default     = false
}

variable "source_repository_url" {
  type        = string
  description = "HTTPS URL of your GitHub copy of Greenlight, which CodeBuild builds on every push to source_branch."
}

variable "source_branch" {
  type        = string
  description = "Branch whose pushes are built and released."
  default     = "main"
}

variable "release_jar" {
  type        = string
  description = "Path of the release functions' shaded jar; null for the one ./mvnw package builds in release-lambdas/target."
  default     = null
}

variable "release_steps" {
  type        = list(number)
  description = "Green's share of traffic at each release step, in percent, ending at 100."
  default     = [10, 50, 100]
}

variable "release_bake_seconds" {
  type        = list(number)
  description = "How long each release step bakes before its gate, one per step."
  default     = [300, 300, 300]
}

variable "availability_objective" {
  type        = number
  description = "The blog's availability objective (share of requests without a 5xx) the release gate judges green against."
  default     = 0.999
}

variable "notification_email" {
  type        = string
  description = "E-mail address told when a release succeeds or fails (confirm the subscription mail); null for none."
  default     = null
}
