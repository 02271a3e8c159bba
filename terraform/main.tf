data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  release_jar = coalesce(var.release_jar, "${path.root}/../release-lambdas/target/release-lambdas-0.1.0-SNAPSHOT-aws.jar")

  parameter_arn_prefix = "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:parameter"

  # The blog's container environment (dev.greenlight.blog.BlogProperties and server.port); the release adds
  # BLOG_VERSION, the image tag, to every task definition it registers.
  blog_environment = {
    SERVER_PORT                  = tostring(var.container_port)
    BLOG_DYNAMODB_POSTS_TABLE    = module.data.posts_table_name
    BLOG_DYNAMODB_FEED_INDEX     = module.data.feed_index_name
    BLOG_DYNAMODB_SIGN_INS_TABLE = module.data.sign_ins_table_name
    BLOG_DYNAMODB_REGION         = data.aws_region.current.region
    BLOG_ACCOUNTS_0_USERNAME     = var.blog_author
    BLOG_ACCOUNTS_0_ADMIN        = "true"
    BLOG_BASE_URL                = coalesce(var.blog_base_url, module.cluster.blog_url)
  }

  # Filled by ECS from SSM Parameter Store when a task starts; never in Terraform state or the image.
  blog_secrets = {
    BLOG_SESSION_SECRET           = "${local.parameter_arn_prefix}${var.session_secret_parameter}"
    BLOG_ACCOUNTS_0_PASSWORD_HASH = "${local.parameter_arn_prefix}${var.author_password_hash_parameter}"
  }
}

module "network" {
  source = "./modules/network"

  name                      = var.name
  use_default_vpc           = var.use_default_vpc
  vpc_cidr                  = var.vpc_cidr
  availability_zone_count   = var.availability_zone_count
  container_port            = var.container_port
  ingress_cidr_blocks       = var.ingress_cidr_blocks
  test_listener_port        = var.test_listener_port
  test_listener_cidr_blocks = var.test_listener_cidr_blocks
}

module "data" {
  source = "./modules/data"

  deletion_protection = var.table_deletion_protection
}

module "registry" {
  source = "./modules/registry"

  name                    = var.name
  repository_name         = var.repository_name
  keep_images             = var.keep_images
  force_delete_repository = var.force_delete_repository
  source_repository_url   = var.source_repository_url
  source_branch           = var.source_branch
  log_retention_days      = var.log_retention_days
}

module "cluster" {
  source = "./modules/cluster"

  name                         = var.name
  service_name                 = var.service_name
  vpc_id                       = module.network.vpc_id
  public_subnet_ids            = module.network.public_subnet_ids
  alb_security_group_id        = module.network.alb_security_group_id
  container_port               = var.container_port
  certificate_arn              = var.certificate_arn
  test_listener_port           = var.test_listener_port
  deregistration_delay_seconds = var.deregistration_delay_seconds
  log_retention_days           = var.log_retention_days
  repository_arn               = module.registry.repository_arn
  posts_table_arn              = module.data.posts_table_arn
  feed_index_arn               = module.data.feed_index_arn
  sign_ins_table_arn           = module.data.sign_ins_table_arn
  secret_parameter_names       = [var.session_secret_parameter, var.author_password_hash_parameter]
}

module "release" {
  source = "./modules/release"

  name                         = var.name
  service_name                 = var.service_name
  release_jar                  = local.release_jar
  log_retention_days           = var.log_retention_days
  cluster_name                 = module.cluster.cluster_name
  service_names                = module.cluster.service_names
  service_arns                 = module.cluster.service_arns
  target_group_arns            = module.cluster.target_group_arns
  target_group_arn_suffixes    = module.cluster.target_group_arn_suffixes
  load_balancer_arn_suffix     = module.cluster.load_balancer_arn_suffix
  production_listener_arn      = module.cluster.production_listener_arn
  test_listener_arn            = module.cluster.test_listener_arn
  test_listener_url            = module.cluster.test_listener_url
  repository_name              = module.registry.repository_name
  repository_url               = module.registry.repository_url
  releases_table_name          = module.data.releases_table_name
  releases_table_arn           = module.data.releases_table_arn
  posts_table_name             = module.data.posts_table_name
  deregistration_delay_seconds = var.deregistration_delay_seconds
  release_steps                = var.release_steps
  release_bake_seconds         = var.release_bake_seconds
  availability_objective       = var.availability_objective
  notification_email           = var.notification_email

  task = {
    family             = "${var.name}-${var.service_name}"
    container_name     = var.service_name
    container_port     = var.container_port
    cpu                = var.task_cpu
    memory             = var.task_memory
    desired_count      = var.desired_count
    execution_role_arn = module.cluster.task_execution_role_arn
    task_role_arn      = module.cluster.task_role_arn
    log_group          = module.cluster.log_group_name
    subnets            = module.network.task_subnet_ids
    security_groups    = [module.network.task_security_group_id]
    assign_public_ip   = module.network.assign_public_ip
    environment        = local.blog_environment
    secrets            = local.blog_secrets
  }
}
