output "vpc_id" {
  description = "The VPC the load balancer and the tasks run in."
  value       = local.vpc_id
}

output "public_subnet_ids" {
  description = "Subnets of the load balancer."
  value       = local.public_subnet_ids
}

output "task_subnet_ids" {
  description = "Subnets of the blog tasks: private ones, or the default VPC's public ones."
  value       = local.private_subnet_ids
}

output "assign_public_ip" {
  description = "Whether tasks need a public IP to reach AWS APIs (true only in the default VPC, which has no endpoints)."
  value       = var.use_default_vpc
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = aws_security_group.alb.id
}

output "task_security_group_id" {
  description = "Security group of the blog tasks; accepts the container port from the load balancer only."
  value       = aws_security_group.tasks.id
}
