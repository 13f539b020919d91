#!/usr/bin/env python3
# Drives the real Tend window through the accessibility tree (AT-SPI), the
# way a screen reader or an automation tool sees it: the window by name, the
# page tabs by their accessible names, the account table's cells, the
# search entry and the preferences window's Base URL entry.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs Debian's python3-pyatspi (gir1.2-atspi-2.0) and at-spi2-core, an X
# display (xvfb-run -a) and a session bus (dbus-run-session): build-aux/check
# provides both. Without them every test is reported as skipped (TAP).
#
# Environment (set by tests/meson.build): TEND_APP, TEND_CLI, TEND_CRM_SIM,
# GSETTINGS_SCHEMA_DIR, GSETTINGS_BACKEND.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# pyatspi is a Debian package for Debian's python3; a python3 from elsewhere
# (pyenv, a venv) earlier on PATH does not see it: run this file with it.
try:
    import pyatspi  # noqa: E402
except ImportError:
    system_python = "/usr/bin/python3"
    if (os.path.exists(system_python) and
            os.path.realpath(sys.executable) != os.path.realpath(system_python) and
            not os.environ.get("TEND_A11Y_REEXEC")):
        os.environ["TEND_A11Y_REEXEC"] = "1"
        os.execv(system_python, [system_python] + sys.argv)
    pyatspi = None

PLAN = 7
TIMEOUT = 20.0          # seconds for any one condition
PAGES = ["Dashboard", "Accounts", "Alerts", "Renewals", "Incentives", "Handoffs"]
KNOWN_ACCOUNT = "Société Générale Démo"
TEST_URL = "http://127.0.0.1:8/a11y-test"
KEY_ESCAPE = 0xff1b

counter = 0


def ok(cond, name, detail=""):
    global counter
    counter += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (counter, name), flush=True)
    if not cond and detail:
        for line in str(detail).splitlines():
            print("# " + line, flush=True)
    return cond


def skip_all(reason):
    print("1..%d" % PLAN)
    for i in range(1, PLAN + 1):
        print("ok %d # SKIP %s" % (i, reason))
    sys.exit(0)


def bail(reason):
    # The remaining tests fail with the reason; TAP stays well formed.
    while counter < PLAN:
        ok(False, "not reached", reason)
    sys.exit(1)


def wait_for(predicate, timeout=TIMEOUT, interval=0.1):
    """Polls predicate () until it returns something true; returns it or None."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # the tree changes under us: try again
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


# -- The accessibility tree ------------------------------------------------

def children(acc):
    try:
        n = acc.childCount
    except Exception:
        return []
    out = []
    for i in range(n):
        try:
            c = acc.getChildAtIndex(i)
        except Exception:
            c = None
        if c is not None:
            out.append(c)
    return out


def find_all(root, predicate, limit=None, prune=None):
    """Breadth first, so that what is near the top is found quickly; prune
    (acc) -> True keeps the search out of a subtree (every node is a D-Bus
    round trip: GTK 4.8 offers AT-SPI no cache)."""
    out = []
    queue = [root]
    while queue:
        acc = queue.pop(0)
        try:
            if predicate(acc):
                out.append(acc)
                if limit is not None and len(out) >= limit:
                    break
        except Exception:
            pass
        if acc is not root and prune is not None and prune(acc):
            continue
        queue.extend(children(acc))
    return out


def find(acc, predicate, prune=None):
    found = find_all(acc, predicate, limit=1, prune=prune)
    return found[0] if found else None


def is_content(acc):
    """Page bodies: left out when looking for header bar controls."""
    return (role_is(acc, pyatspi.ROLE_SCROLL_PANE) or
            (acc.name or "").startswith("Tend") or
            role_is(acc, pyatspi.ROLE_TREE_TABLE))


def has_state(acc, state):
    try:
        return acc.getState().contains(state)
    except Exception:
        return False


def role_is(acc, role):
    try:
        return acc.getRole() == role
    except Exception:
        return False


def do_action(acc, name=None):
    action = acc.queryAction()
    for i in range(action.nActions):
        if name is None or action.getName(i) == name:
            return action.doAction(i)
    raise RuntimeError("no action %r on %s" % (name, acc))


def text_of(acc):
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return None


def app_of_pid(pid):
    for app in children(pyatspi.Registry.getDesktop(0)):
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def frames(app, name=None):
    return [w for w in children(app)
            if role_is(w, pyatspi.ROLE_FRAME) and (name is None or w.name == name)]


def clean_name(name):
    # GTK 4.8 names a labelled button "<label with underline> <label>":
    # compare with mnemonics stripped.
    return name.replace("_", "")


# -- The workspace ---------------------------------------------------------

def start_simulator(sim):
    proc = subprocess.Popen([sim, "--port", "0", "--today", "2026-11-23"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    line = proc.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+)", line)
    if not m:
        proc.kill()
        raise RuntimeError("simulator said %r" % line)
    return proc, m.group(1)


def prepare_workspace(tmp):
    cli = os.environ["TEND_CLI"]
    sim = os.environ["TEND_CRM_SIM"]
    ws = os.path.join(tmp, "workspace.db")
    proc, url = start_simulator(sim)
    try:
        env = dict(os.environ, TEND_CRM_TOKEN="demo-token")
        subprocess.run([cli, "--workspace", ws, "sync", "--base-url", url],
                       env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=60)
    finally:
        proc.terminate()
        proc.wait()
    out = subprocess.run([cli, "--workspace", ws, "accounts", "--json"],
                         check=True, capture_output=True, text=True).stdout
    names = sorted((a["name"] for a in json.loads(out)), key=str.casefold)
    return ws, names


def launch_app(ws, log):
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)      # GTK 3's switch; cleared for clarity
    env["GTK_A11Y"] = "atspi"          # GTK 4.8 talks AT-SPI itself
    env.setdefault("GSETTINGS_BACKEND", "memory")
    # No portal or other D-Bus services the app would wait on here.
    env["GTK_USE_PORTAL"] = "0"
    return subprocess.Popen([os.environ["TEND_APP"], "--workspace", ws], env=env,
                            stdout=subprocess.DEVNULL, stderr=log)


def tail(path, lines=8):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return 


# -- The tests -------------------------------------------------------------

def main():
    for var in ("TEND_APP", "TEND_CLI", "TEND_CRM_SIM"):
        if not os.environ.get(var):
            skip_all("%s is not set (run through meson test)" % var)
    if pyatspi is None:
        skip_all("python3-pyatspi is not installed")
    if not os.environ.get("DISPLAY"):
        skip_all("no X display (run under xvfb-run -a)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip_all("no session bus (run under dbus-run-session)")

    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="tend-a11y-")
    app_proc = None
    try:
        ws, names = prepare_workspace(tmp)
        print("1..%d" % PLAN, flush=True)
        app_log = os.path.join(tmp, "app.log")
        with open(app_log, "w") as log:
            app_proc = launch_app(ws, log)
        try:
            run_tests(app_proc, names, app_log)
        except Exception as e:  # a broken tree or a lost app: fail, not crash
            import traceback
            for line in traceback.format_exc().splitlines():
                print("# " + line, flush=True)
            bail("%s: %s" % (type(e).__name__, e))
    finally:
        if app_proc is not None:
            app_proc.terminate()
            try:
                app_proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app_proc.kill()
                app_proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
        print("# %.1f s" % (time.monotonic() - started), flush=True)
    sys.exit(0 if failures == 0 else 1)


failures = 0


def check(cond, name, detail=""):
    global failures
    if not ok(cond, name, detail):
        failures += 1
    return cond


def run_tests(app_proc, names, app_log):
    # 1. The application registers on the accessibility bus with a window
    # called Tend.
    app = wait_for(lambda: app_of_pid(app_proc.pid))
    window = app and wait_for(lambda: (frames(app, "Tend") or [None])[0])
    if not check(window is not None, "the app shows a window named Tend on the AT-SPI bus",
                 "app=%r exit=%r; the app said:\n%s" % (app, app_proc.poll(), tail(app_log))):
        bail("no window")

    # 2. Every page opens from the view switcher, by the tab's accessible name.
    def header_tabs():
        title = find(window, lambda a: a.name == "AdwViewSwitcherTitle", prune=is_content)
        return find_all(title or window, lambda a: role_is(a, pyatspi.ROLE_PAGE_TAB))

    tabs = wait_for(lambda: [t for t in header_tabs() if t.name in PAGES] or None)
    missing = [p for p in PAGES if p not in {t.name for t in tabs or []}]
    opened = []
    for page in PAGES:
        tab = next((t for t in tabs or [] if t.name == page), None)
        if tab is None:
            continue
        do_action(tab, "click")
        if wait_for(lambda: has_state(tab, pyatspi.STATE_SELECTED), timeout=5):
            opened.append(page)
    check(not missing and opened == PAGES, "each page opens from its tab: " + ", ".join(PAGES),
          "missing tabs: %s; opened: %s" % (missing, opened))

    # 3. The accounts table reads out account names, first one first.
    accounts_tab = next((t for t in tabs or [] if t.name == "Accounts"), None)
    if accounts_tab is not None:
        do_action(accounts_tab, "click")
    page = find(window, lambda a: a.name == "TendAccountsPage",
                prune=lambda a: (a.name or "").startswith("Tend") or role_is(a, pyatspi.ROLE_SCROLL_PANE))
    table = page and wait_for(lambda: find(page, lambda a: role_is(a, pyatspi.ROLE_TREE_TABLE)))

    def first_column():
        rows = find(table, lambda a: role_is(a, pyatspi.ROLE_LIST))
        cells = []
        for row in children(rows)[:12]:
            cell = children(row)
            label = cell and find(cell[0], lambda a: role_is(a, pyatspi.ROLE_LABEL))
            if label is not None:
                cells.append(label.name)
        return cells

    cells = table and wait_for(first_column)
    check(bool(cells) and names and cells[0] == names[0],
          "the accounts table reads the first account, %r, in its first row" % (names[0] if names else None),
          "table=%r first cells=%r" % (table, cells))

    # 4. Typing into the search entry (EditableText) filters the table to a
    # known account.
    search = page and find(page, lambda a: role_is(a, pyatspi.ROLE_ENTRY))
    found_known = None
    if search is not None:
        editable = search.queryEditableText()
        editable.setTextContents("Société")
        found_known = wait_for(lambda: KNOWN_ACCOUNT in (first_column() or [])[:3])
    check(bool(found_known), "searching “Société” shows %s" % KNOWN_ACCOUNT,
          "search entry=%r cells now=%r" % (search, table and first_column()))

    # 5. The primary menu opens Preferences.
    # The main page's menu button is the second: the first sits on the
    # hidden welcome page. Either opens the same menu, a popover below it.
    # (A GtkMenuButton is a button named Main Menu holding the toggle button
    # that is clicked, of the same name; the outer one holds the popover.)
    buttons = find_all(window, lambda a: role_is(a, pyatspi.ROLE_PUSH_BUTTON)
                       and a.name == "Main Menu" and a.parent.name != "Main Menu",
                       prune=is_content)
    menu_button = buttons[-1] if buttons else None
    prefs = None
    toggle = menu_button and find(menu_button, lambda a: a is not menu_button
                                  and role_is(a, pyatspi.ROLE_PUSH_BUTTON))
    if toggle is not None:
        do_action(toggle, "click")
        item = wait_for(lambda: find(menu_button, lambda a: role_is(a, pyatspi.ROLE_MENU_ITEM)
                                     and clean_name(a.name) == "Preferences"), timeout=5)
        if item is not None:
            do_action(item)
        prefs = wait_for(lambda: next((f for f in frames(app) if f.name == "Preferences"), None))
    check(prefs is not None, "Main Menu → Preferences opens a window named Preferences",
          "menu button=%r frames=%r" % (menu_button, [f.name for f in frames(app)]))

    # 6. Its Base URL entry takes text through the accessibility API.
    # AdwEntryRow is a "text" whose accessible name is its title.
    entry = prefs and wait_for(lambda: find(prefs, lambda a: (role_is(a, pyatspi.ROLE_TEXT)
                                                              or role_is(a, pyatspi.ROLE_ENTRY))
                                            and clean_name(a.name) == "Base URL"))
    text = None
    if entry is not None:
        entry.queryEditableText().setTextContents(TEST_URL)
        text = wait_for(lambda: text_of(entry) == TEST_URL and text_of(entry), timeout=5)
    check(text == TEST_URL, "the Base URL entry (named “Base URL”) holds the typed URL",
          "entry=%r name=%r text=%r" % (entry, entry and entry.name, entry and text_of(entry)))

    # 7. Escape closes it.
    gone = False
    if prefs is not None:
        try:
            entry and entry.queryComponent().grabFocus()
        except Exception:
            pass
        pyatspi.Registry.generateKeyboardEvent(KEY_ESCAPE, None, pyatspi.KEY_SYM)
        gone = wait_for(lambda: not any(f.name == "Preferences" for f in frames(app)), timeout=10)
    check(bool(gone), "Escape closes the preferences window",
          "frames=%r" % [f.name for f in frames(app)])


if __name__ == "__main__":
    main()
