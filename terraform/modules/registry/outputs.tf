output "repository_name" {
  description = "Name of the blog image repository."
  value       = aws_ecr_repository.blog.name
}

output "repository_arn" {
  description = "ARN of the blog image repository."
  value       = aws_ecr_repository.blog.arn
}

output "repository_url" {
  description = "URI of the blog image repository, <account>.dkr.ecr.<region>.amazonaws.com/<name>."
  value       = aws_ecr_repository.blog.repository_url
}

output "build_project_name" {
  description = "Name of the CodeBuild project; start a build by hand with aws codebuild start-build --project-name <it>."
  value       = aws_codebuild_project.blog.name
}
