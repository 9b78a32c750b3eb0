#!/usr/bin/env bash
# Installs everything Lotse needs to build, run and test on Debian 12.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev libportal-gtk4-dev
  libsqlite3-dev libjson-glib-dev libsoup-3.0-dev
  libcairo2-dev libpango1.0-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libical-dev libsecret-1-dev libgnutls28-dev libcrypt-dev libx11-dev libxtst-dev libpq-dev postgresql
  poppler-utils clang gnome-keyring libsecret-tools sqlite3
  openssl wrk
  desktop-file-utils appstream yelp-tools
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  imagemagick locales tzdata faketime
  libreoffice-calc-nogui python3-openpyxl
  python3 python3-icalendar python3-recurring-ical-events python3-dbusmock
  chromium chromium-driver python3-selenium
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"

# A German locale: the app in German, and the test that checks the German
# window still fits a phone's width. A British one: dates and amounts typed
# the English way (day first, with slashes). Not en_US: gtk_test_init()
# switches every UI test to it when it exists.
for name in de_DE en_GB; do
  if ! locale -a 2>/dev/null | grep -qix "$name\.utf-\?8"; then
    $SUDO sed -i "s/^# *\($name\.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    grep -q "^$name\.UTF-8 UTF-8" /etc/locale.gen || echo "$name.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen
  fi
done
