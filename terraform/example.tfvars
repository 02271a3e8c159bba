# Copy to greenlight.tfvars, fill in, and apply with: terraform apply -var-file=greenlight.tfvars
region                = "eu-west-1"
source_repository_url = "https://github.com/your-account/greenlight.git"

blog_author                    = "ada"
author_password_hash_parameter = "/greenlight/author-password-hash"
session_secret_parameter       = "/greenlight/session-secret"

# Optional: HTTPS on 443 with an ACM certificate in the same region.
# certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/..."

# Optional: release notifications by e-mail.
# notification_email = "you@example.com"

# Optional: the account's default VPC instead of a new VPC with private subnets and VPC endpoints.
# use_default_vpc = true
