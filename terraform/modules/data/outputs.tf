output "posts_table_name" {
  description = "Name of the posts table."
  value       = aws_dynamodb_table.posts.name
}

output "posts_table_arn" {
  description = "ARN of the posts table."
  value       = aws_dynamodb_table.posts.arn
}

output "feed_index_name" {
  description = "Name of the feed index of the posts table."
  value       = var.feed_index_name
}

output "feed_index_arn" {
  description = "ARN of the feed index, for IAM."
  value       = "${aws_dynamodb_table.posts.arn}/index/${var.feed_index_name}"
}

output "sign_ins_table_name" {
  description = "Name of the sign-ins table."
  value       = aws_dynamodb_table.sign_ins.name
}

output "sign_ins_table_arn" {
  description = "ARN of the sign-ins table."
  value       = aws_dynamodb_table.sign_ins.arn
}

output "releases_table_name" {
  description = "Name of the Releases table."
  value       = aws_dynamodb_table.releases.name
}

output "releases_table_arn" {
  description = "ARN of the Releases table."
  value       = aws_dynamodb_table.releases.arn
}
