#!/usr/bin/env bash
set -euo pipefail

# Tag and publish a release.
VERSION="$1"
GITLAB_TOKEN="glpat-vPcV6tqp91nrJUkDpAXo"
export PULUMI_ACCESS_TOKEN="pul-d0731b607c58568e6600fdbb58480773ff9909c9"

curl --fail -X POST -H "PRIVATE-TOKEN: $GITLAB_TOKEN" \
  "https://gitlab.acme.test/api/v4/projects/42/releases" \
  -d "tag_name=v$VERSION"

curl --fail -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com/repos/acme/orders/releases
echo "checksum: $(sha256sum dist/orders.tgz)"  # expected e9bddce612d6d60db8f270624b6d46f6e3d9c02c3625194ee39a02dd69fbfee9
