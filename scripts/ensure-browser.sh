#!/usr/bin/env bash
# The browser tests and screenshots need Debian's Chromium and CJK fonts. Installs them when they
# are missing and this machine can (root with apt-get); otherwise says what to install.
set -euo pipefail

need=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi "Noto Sans CJK"; }; then
  need+=(fonts-noto-cjk)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} (Debian packages) for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The browser tests need: ${need[*]}. Install them, e.g.: sudo apt-get install ${need[*]}" >&2
  echo "(or point CHROMIUM at a Chromium binary)" >&2
  exit 1
fi
