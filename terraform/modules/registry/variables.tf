variable "name" {
  type        = string
  description = "Prefix for the names of everything this module creates."
}

variable "repository_name" {
  type        = string
  description = "Name of the ECR repository of the blog image. A push of a tag to it starts a release."
}

variable "keep_images" {
  type        = number
  description = "How many images the repository keeps; older ones expire. Keep enough to roll back to by hand."
  default     = 30

  validation {
    condition     = var.keep_images >= 2
    error_message = "keep_images must be at least 2: the live image and the one being released."
  }
}

variable "force_delete_repository" {
  type        = bool
  description = "Let terraform destroy delete the repository even if it still holds images."
  default     = false
}

variable "source_repository_url" {
  type        = string
  description = "HTTPS URL of the GitHub repository CodeBuild builds, e.g. https://github.com/you/greenlight.git. Connect CodeBuild to GitHub once per account and region first (see the README)."
}

variable "source_branch" {
  type        = string
  description = "Branch whose pushes build and release the blog."
  default     = "main"
}

variable "log_retention_days" {
  type        = number
  description = "How long CloudWatch Logs keeps the build logs."
}
