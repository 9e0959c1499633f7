terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIJMCKNDZR7MD4BXP"
  secret_key = "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"
}

variable "db_password" {
  description = "Master password of the orders database"
  type        = string
  sensitive   = true
  default     = "zRn0!G3WFlHBGEVPDDXFV^mJ"
}

variable "api_token" {
  description = "Token of the partner API"
  type        = string
  sensitive   = true
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "orders_admin"
  password            = var.db_password
  skip_final_snapshot = false
}

data "aws_secretsmanager_secret_version" "partner" {
  secret_id = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/partner-api-AbCdEf"
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = file("${path.module}/policies/deploy-trust.json")
}
