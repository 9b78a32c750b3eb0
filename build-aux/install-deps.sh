#!/usr/bin/env bash
# Installs everything Lotse needs to build, run and test on Debian 12.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libsoup-3.0-dev
  libcairo2-dev libpango1.0-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libical-dev libsecret-1-dev libcrypt-dev
  poppler-utils clang gnome-keyring libsecret-tools
  openssl wrk
  desktop-file-utils appstream yelp-tools
  xvfb xauth dbus dbus-x11 at-spi2-core
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  imagemagick
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
