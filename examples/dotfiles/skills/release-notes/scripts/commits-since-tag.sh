#!/bin/sh
# Commits since the newest tag (or since the first commit when there is no tag).
set -eu
if tag=$(git describe --tags --abbrev=0 2>/dev/null); then
  git log --no-merges --format='%h %s' "$tag..HEAD"
else
  git log --no-merges --format='%h %s'
fi
