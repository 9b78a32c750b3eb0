#!/usr/bin/python3
# test-a11y.py: every control of every view has a name a screen reader can say
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-a11y.py A11Y-HARNESS
#
# Starts the harness (tests/a11y-harness.c: the real window over the demo
# programme), brings it into each of its views and main states, and walks
# the accessibility tree over AT-SPI as Orca does (the roles and states
# are Atspi's, from python3-pyatspi). Every object a person
# can act on (push, toggle and menu buttons, drop-downs and combo boxes,
# check and radio buttons, entries, spin buttons, links, sliders) must have
# a name: not empty, not the class name GTK 4.8 puts in its place
# ("GtkImage", "GtkMenuButton", "GtkToggleButton"), without the underscore
# of a mnemonic ("_Minutes") and not said twice ("Minutes Minutes"). Prints
# TAP: one test per state, each failure with the path to the object.

import os
import re
import subprocess
import sys
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402

Role = Atspi.Role
ACTIONABLE = {
    Role.PUSH_BUTTON, Role.TOGGLE_BUTTON, Role.CHECK_BOX, Role.RADIO_BUTTON,
    Role.COMBO_BOX, Role.ENTRY, Role.PASSWORD_TEXT, Role.SPIN_BUTTON,
    Role.LINK, Role.SLIDER, Role.MENU_ITEM, Role.CHECK_MENU_ITEM,
    Role.RADIO_MENU_ITEM, Role.PAGE_TAB,
}
CLASS_NAME = re.compile(r'^(Gtk|Adw|Lotse)[A-Z][A-Za-z]*$')
MNEMONIC = re.compile(r'(^|[\s(])_[^\s_]')
WAIT = 30


def problem_with(role, name):
    """What is wrong with the name of an object of this role, or None."""
    if name is None or name.strip() == '':
        return 'no name'
    if CLASS_NAME.match(name):
        return 'only the class name'
    if MNEMONIC.search(name):
        return 'the underscore of a mnemonic'
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]:
        return 'the same words twice'
    return None


def actionable(role, states):
    if role in ACTIONABLE:
        return True
    # A text view or entry the user types into has the role "text".
    return role == Role.TEXT and has_state(states, Atspi.StateType.EDITABLE)


def has_state(states, state):
    bit = int(state)
    return bool(states[bit // 32] & (1 << (bit % 32)))


class Walk:
    """Walks an application's tree over the accessibility bus. Thousands of
    objects, four calls each: the calls go out together, not one after the
    other, or a walk of the whole window takes minutes."""

    ACCESSIBLE = 'org.a11y.atspi.Accessible'
    IN_FLIGHT = 64

    def __init__(self, bus, name):
        self.bus = bus
        self.name = name
        self.failures = []
        self.queue = []
        self.pending = 0
        self.error = None
        self.loop = GLib.MainLoop()

    def call(self, path, interface, method, args, reply_type, done):
        def finished(bus, result):
            try:
                done(bus.call_finish(result).unpack())
            except GLib.Error as error:
                # An object gone while walking: a row a list recycled.
                if 'UnknownObject' not in error.message and 'does not exist' not in error.message:
                    self.error = error
                done(None)
        self.bus.call(self.name, path, interface, method, args, GLib.VariantType(reply_type),
                      Gio.DBusCallFlags.NONE, 10000, None, finished)

    def visit(self, path, trail):
        answers = {}

        def answered(key):
            def store(value):
                answers[key] = value
                if len(answers) == 4:
                    self.pending -= 1
                    self.examine(answers, trail)
                    self.pump()
            return store

        self.pending += 1
        self.call(path, 'org.freedesktop.DBus.Properties', 'GetAll',
                  GLib.Variant('(s)', (self.ACCESSIBLE,)), '(a{sv})', answered('properties'))
        self.call(path, self.ACCESSIBLE, 'GetRole', None, '(u)', answered('role'))
        self.call(path, self.ACCESSIBLE, 'GetState', None, '(au)', answered('states'))
        self.call(path, self.ACCESSIBLE, 'GetChildren', None, '(a(so))', answered('children'))

    def examine(self, answers, trail):
        if None in answers.values():
            return
        name = answers['properties'][0].get('Name', '')
        description = answers['properties'][0].get('Description', '')
        role = Atspi.Role(answers['role'][0])
        states = answers['states'][0]
        here = trail + ['%s %r' % (role.value_nick, name)]
        # Hidden widgets are not there for a person; the application is no widget.
        if role != Role.APPLICATION and not has_state(states, Atspi.StateType.VISIBLE):
            return
        if actionable(role, states):
            problem = problem_with(role, name)
            if problem is not None:
                # The tooltip, if any, tells which control it is.
                self.failures.append('%s: %s%s' % (problem, ' > '.join(here[-5:]),
                                                    ' (%s)' % description if description else ''))
        for child_name, child_path in answers['children'][0]:
            if child_name == self.name:
                self.queue.append((child_path, here))

    def pump(self):
        while self.queue and self.pending < self.IN_FLIGHT:
            path, trail = self.queue.pop()
            self.visit(path, trail)
        if self.pending == 0 and not self.queue:
            self.loop.quit()

    def run(self, path):
        self.queue.append((path, []))
        self.pump()
        self.loop.run()
        if self.error is not None:
            raise self.error
        return self.failures


def a11y_bus():
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    address = session.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None,
                                GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
    flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
             Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
    return Gio.DBusConnection.new_for_address_sync(address, flags, None, None)


def find_application(bus, pid):
    """The harness's unique name on the accessibility bus, once it is there."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        apps = bus.call_sync('org.a11y.atspi.Registry', '/org/a11y/atspi/accessible/root',
                             'org.a11y.atspi.Accessible', 'GetChildren', None,
                             GLib.VariantType('(a(so))'), Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
        for name, path in apps:
            owner = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                                  'GetConnectionUnixProcessID', GLib.Variant('(s)', (name,)),
                                  GLib.VariantType('(u)'), Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
            if owner == pid:
                return name, path
        time.sleep(0.1)
    raise RuntimeError('the harness did not show up on the accessibility bus')


def read_line(harness):
    line = harness.stdout.readline()
    if not line:
        raise RuntimeError('the harness ended')
    return line.strip()


def main():
    env = dict(os.environ)
    # GTK speaks AT-SPI unless told otherwise; the other tests are told so.
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    harness = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               env=env, text=True)
    status = 0
    try:
        states = read_line(harness).split()[1:]
        bus = a11y_bus()
        name, root = find_application(bus, harness.pid)
        print('1..%d' % len(states))
        for number, state in enumerate(states, 1):
            harness.stdin.write('state %s\n' % state)
            harness.stdin.flush()
            answer = read_line(harness)
            if answer != 'ready %s' % state:
                raise RuntimeError('the harness answered %r to %r' % (answer, state))
            failures = Walk(bus, name).run(root)
            if failures:
                status = 1
                print('not ok %d /a11y/%s - %d objects without a proper name' % (number, state, len(failures)))
                for failure in failures:
                    print('# %s' % failure)
            else:
                print('ok %d /a11y/%s' % (number, state))
            sys.stdout.flush()
        harness.stdin.write('quit\n')
        harness.stdin.flush()
        harness.wait(timeout=WAIT)
    finally:
        if harness.poll() is None:
            harness.kill()
            harness.wait()
    return status


if __name__ == '__main__':
    sys.exit(main())
