# The posts: the original blog's key schema (post_id + author) and the feed index the blog queries page by
# page, newest first. The index carries only what a feed page shows, never the content.
resource "aws_dynamodb_table" "posts" {
  name                        = var.posts_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "post_id"
  range_key                   = "author"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "post_id"
    type = "S"
  }

  attribute {
    name = "author"
    type = "S"
  }

  attribute {
    name = "feed_pk"
    type = "S"
  }

  attribute {
    name = "feed_sk"
    type = "S"
  }

  global_secondary_index {
    name               = var.feed_index_name
    hash_key           = "feed_pk"
    range_key          = "feed_sk"
    projection_type    = "INCLUDE"
    non_key_attributes = ["title", "excerpt", "timestamp"]
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# One small item per author, shared by every instance: the sign-out epoch a sign-in cookie must match, and the
# failed sign-ins that slow down guessing. It does not grow with time, so it needs no TTL.
resource "aws_dynamodb_table" "sign_ins" {
  name                        = var.sign_ins_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "author"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "author"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

# One partition per released service: the lock, the queue and one item per release.
resource "aws_dynamodb_table" "releases" {
  name                        = var.releases_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
