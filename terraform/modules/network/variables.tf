variable "name" {
  type        = string
  description = "Prefix for the names of everything this module creates."
}

variable "use_default_vpc" {
  type        = bool
  description = "Run in the account's default VPC and its public subnets instead of creating a VPC. Tasks then get public IPs to reach ECR, CloudWatch Logs and DynamoDB, and no VPC endpoints are created."
  default     = false
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the created VPC; ignored with use_default_vpc."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a CIDR block such as 10.40.0.0/16."
  }
}

variable "availability_zone_count" {
  type        = number
  description = "How many availability zones get a public and a private subnet. An ALB needs at least two."
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 4
    error_message = "availability_zone_count must be from 2 to 4."
  }
}

variable "container_port" {
  type        = number
  description = "Port the blog container listens on; the only port the tasks accept, and only from the load balancer."
}

variable "ingress_cidr_blocks" {
  type        = list(string)
  description = "Who may reach the blog's production listener (HTTP, and HTTPS when enabled)."
}

variable "test_listener_port" {
  type        = number
  description = "Port of the test listener, through which the smoke test reaches green before it gets real traffic."
}

variable "test_listener_cidr_blocks" {
  type        = list(string)
  description = "Who may reach the test listener. The smoke test Lambda runs outside the VPC, so it comes from AWS's public addresses."
}
