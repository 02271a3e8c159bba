variable "posts_table_name" {
  type        = string
  description = "Name of the blog's posts table (the blog's BLOG_DYNAMODB_POSTS_TABLE)."
  default     = "BlogPosts"
}

variable "feed_index_name" {
  type        = string
  description = "Name of the posts table's newest-first feed index (the blog's BLOG_DYNAMODB_FEED_INDEX)."
  default     = "feed"
}

variable "sign_ins_table_name" {
  type        = string
  description = "Name of the table of each author's sign-out epoch and failed sign-ins (the blog's BLOG_DYNAMODB_SIGN_INS_TABLE)."
  default     = "BlogSignIns"
}

variable "releases_table_name" {
  type        = string
  description = "Name of the table where the release functions keep the lock, the queue and every release's record."
  default     = "Releases"
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the tables. Turn off before terraform destroy if the posts may go."
  default     = true
}
