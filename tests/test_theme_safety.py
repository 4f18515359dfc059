"""A site's own theme (content/_theme/) cannot reach outside itself: its templates run in Jinja's
sandbox, and its files are read only as regular files inside it. An escape attempt, a symbolic
link (to /etc/passwd, to a file outside content/), a FIFO or a file over the size limit is an
editor's error at its file (and line): exit 1, nothing run, nothing read through the link,
nothing published, no hang, no "internal error". `serve` serves none of them either.
FICTIONAL content."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import copy_content, run_cli
from sitecheck import FICTIONAL

from generator.build import DEFAULT_THEME
from generator.datasets import prepare_release
from generator.live import LiveSite
from generator.problems import Problems
from generator.render.engine import Renderer
from generator.render.faults import TemplateFault
from generator.render.pages import plan_pages
from generator.sources.loader import load_content
from generator.tables import build_tables

BASE_URL = "http://127.0.0.1:8000/"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")

HEAD = '{% extends "base.html" %}\n{% block main %}\n<h1>Kontakt</h1>\n'
TAIL = "{% endblock %}\n"

# Each tries to create the marker file MARK with a shell command (MARK is replaced by its path).
# True: found in the template before rendering; False: only the sandbox stops it, while
# rendering (which `validate` does too, in memory).
ESCAPES = {
    "globals of a Jinja global": (
        "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}", True),
    "globals through a subscript": (
        "{{ lipsum['__globals__']['os'].popen('touch MARK').read() }}", True),
    "the object graph from a string": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'MARK']) }}{% endif %}{% endfor %}", True),
    "a helper's bound object": ("{{ url.__self__.renderer.content }}", True),
    "a name built at run time": (
        "{% set g = '__glo' ~ 'bals__' %}{% set i = '__in' ~ 'it__' %}"
        "{{ cycler[i][g]['os'].popen('touch MARK').read() }}", False),
    "str.format reaching attributes": (
        "{{ '{0.__init__.__globals__[os].popen}'.format(cycler) }}", False),
    "changing a list": ("{% set l = [1] %}{{ l.append(2) }}", False),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The fictional site built once, with no theme of its own (read-only for the tests)."""
    out = tmp_path_factory.mktemp("published") / "_site"
    result = run_cli("build", "--content", FICTIONAL, "--out", out)
    assert result.returncode == 0, result.stderr
    return out, _files(out)


def _published_copy(tmp_path: Path, published) -> Path:
    out = tmp_path / "_site"
    shutil.copytree(published[0], out)
    return out


def _theme(tmp_path: Path) -> Path:
    content = copy_content(tmp_path, FICTIONAL)
    for part in ("templates", "static", "locale"):
        (content / "_theme" / part).mkdir(parents=True)
    return content


def _shown(stderr: str) -> str:
    return stderr.replace("\\", "/")


@pytest.mark.parametrize("attempt", sorted(ESCAPES))
def test_a_sandbox_escape_runs_nothing_and_is_an_error_at_its_line(tmp_path, published, attempt):
    content = _theme(tmp_path)
    mark = tmp_path / "MARK"
    line, static = ESCAPES[attempt]
    (content / "_theme" / "templates" / "contact.html").write_text(
        HEAD + line.replace("MARK", str(mark)) + "\n" + TAIL, encoding="utf-8")
    out = _published_copy(tmp_path, published)

    result = run_cli("build", "--content", content, "--out", out, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "_theme/templates/contact.html:4:" in _shown(result.stderr)
    assert "tries to reach what templates may not" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not mark.exists()
    assert _files(out) == published[1]

    checked = run_cli("validate", "--content", content, timeout=120)
    assert checked.returncode == 1, checked.stderr
    assert "_theme/templates/contact.html:4:" in _shown(checked.stderr)
    assert ("SecurityError" not in checked.stderr) == static  # found before rendering
    assert not mark.exists()


def test_the_sandbox_holds_without_the_check_before_rendering(tmp_path):
    """The static check is a convenience (validate finds it); the sandbox is the guard:
    rendering the template directly runs nothing and is a fault at its line."""
    own = tmp_path / "own"
    (own / "templates").mkdir(parents=True)
    mark = tmp_path / "MARK"
    (own / "templates" / "contact.html").write_text(
        HEAD + f"{{{{ cycler.__init__.__globals__.os.popen('touch {mark}').read() }}}}\n" + TAIL,
        encoding="utf-8")
    content = load_content(FICTIONAL, Problems())
    pages = plan_pages(content)
    renderer = Renderer(content, pages, [own, DEFAULT_THEME], BASE_URL)
    page = next(p for p in pages if p.template == "contact.html")
    with pytest.raises(TemplateFault) as raised:
        renderer.render(page)
    assert raised.value.problem.code == "template_unsafe"
    assert raised.value.problem.position.line == 4
    assert "SecurityError" in raised.value.problem.params["detail"]
    assert not mark.exists()


def test_the_themes_helpers_still_work_in_the_sandbox(tmp_path):
    """A site's copy of a theme template, calling the helpers, renders as the theme's does."""
    content = load_content(FICTIONAL, Problems())
    release = prepare_release(content, build_tables(content), BASE_URL, None, "2026-12-01")
    pages = plan_pages(content, [record.version for record in release.versions])
    own = tmp_path / "own"
    shutil.copytree(DEFAULT_THEME / "templates", own / "templates")
    theirs = Renderer(content, pages, [DEFAULT_THEME], BASE_URL, release)
    ours = Renderer(content, pages, [own, DEFAULT_THEME], BASE_URL, release)
    for template in sorted({p.template for p in pages}):
        page = next(p for p in pages if p.template == template)
        assert ours.render(page) == theirs.render(page), template


def _link_out(tmp_path: Path, content: Path, where: str, name: str) -> Path:
    """A symbolic link in content/_theme/<where>/ to a secret file outside content/."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-CONTENT\n", encoding="utf-8")
    link = content / "_theme" / where / name
    os.symlink(secret, link)
    return link


LINKS = {
    "static to a file outside": ("static", "leak.txt"),
    "static to /etc/passwd": ("static", "passwd.txt"),
    "a template to a file outside": ("templates", "contact.html"),
    "a catalogue to a file outside": ("locale", "sv"),
}


@posix_only
@pytest.mark.parametrize("kind", sorted(LINKS))
def test_a_symlink_in_the_theme_is_refused_by_build_and_validate(tmp_path, published, kind):
    content = _theme(tmp_path)
    where, name = LINKS[kind]
    if kind == "static to /etc/passwd":
        if not Path("/etc/passwd").is_file():
            pytest.skip("no /etc/passwd")
        os.symlink("/etc/passwd", content / "_theme" / where / name)
    elif where == "locale":  # a whole language folder linked
        outside = tmp_path / "outside-locale"
        shutil.copytree(DEFAULT_THEME / "locale" / "sv", outside)
        os.symlink(outside, content / "_theme" / "locale" / "sv")
    else:
        _link_out(tmp_path, content, where, name)
    out = _published_copy(tmp_path, published)

    for command in (["build", "--out", out], ["validate"]):
        result = run_cli(*command, "--content", content, timeout=120)
        assert result.returncode == 1, (command, result.stderr)
        assert f"_theme/{where}/{name}: the file is a symbolic link" in _shown(result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert _files(out) == published[1]
    # /etc/passwd's first line (a bare "root:" is in Pagefind's scripts: `{root: …}`)
    assert all(b"SECRET-OUTSIDE-CONTENT" not in data and not re.search(rb"root:[^:\n]*:0:0:", data)
               for data in _files(out).values())


@posix_only
def test_the_theme_folder_itself_as_a_symlink_is_refused(tmp_path, published):
    content = copy_content(tmp_path, FICTIONAL)
    outside = tmp_path / "outside-theme"
    (outside / "static").mkdir(parents=True)
    (outside / "static" / "leak.txt").write_text("SECRET-OUTSIDE-CONTENT\n", encoding="utf-8")
    os.symlink(outside, content / "_theme")
    out = _published_copy(tmp_path, published)
    result = run_cli("build", "--content", content, "--out", out, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "content/_theme: the file is a symbolic link" in _shown(result.stderr)
    assert _files(out) == published[1]


@posix_only
@pytest.mark.parametrize("where", ["static/style.css", "templates/contact.html",
                                   "locale/sv/LC_MESSAGES/messages.po"])
def test_a_fifo_in_the_theme_is_refused_without_hanging(tmp_path, published, where):
    content = _theme(tmp_path)
    fifo = content / "_theme" / where
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    out = _published_copy(tmp_path, published)
    for command in (["build", "--out", out], ["validate"]):
        result = run_cli(*command, "--content", content, timeout=60)  # a hang fails the test
        assert result.returncode == 1, (command, result.stderr)
        assert f"_theme/{where}: this is not a regular file" in _shown(result.stderr)
        assert "internal error" not in result.stderr
    assert _files(out) == published[1]


@pytest.mark.parametrize(("where", "size"), [("static/video.mp4", 10 * 2**20 + 1),
                                             ("templates/contact.html", 2**20 + 1)])
def test_a_file_over_the_limit_is_refused(tmp_path, published, where, size):
    content = _theme(tmp_path)
    big = content / "_theme" / where
    with big.open("wb") as handle:  # sparse: the size is what counts
        handle.truncate(size)
    out = _published_copy(tmp_path, published)
    result = run_cli("build", "--content", content, "--out", out, timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"_theme/{where}: the file is larger than the limit of" in _shown(result.stderr)
    assert _files(out) == published[1]


def test_a_static_file_within_the_limit_is_published(tmp_path):
    content = _theme(tmp_path)
    (content / "_theme" / "static" / "img").mkdir()
    (content / "_theme" / "static" / "img" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    out = tmp_path / "_site"
    result = run_cli("build", "--content", content, "--out", out, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (out / "static" / "img" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
    assert (out / "static" / "style.css").read_bytes() == \
        (DEFAULT_THEME / "static" / "style.css").read_bytes()


@posix_only
def test_serve_refuses_a_symlink_in_the_theme(tmp_path):
    content = _theme(tmp_path)
    (content / "_theme" / "static" / "own.txt").write_text("own\n", encoding="utf-8")
    site = LiveSite(content, BASE_URL)
    problems, pages = site.reload()
    assert not problems.errors and pages
    assert site.get("static/own.txt").body == b"own\n"

    # Put in after the last reload (before the watcher's next one): still never read.
    _link_out(tmp_path, content, "static", "leak.txt")
    os.symlink(tmp_path / "secret.txt", content / "_theme" / "static" / "style.css")
    os.symlink(tmp_path, content / "_theme" / "static" / "dir")
    os.mkfifo(content / "_theme" / "static" / "pipe.css")
    assert site.get("static/leak.txt") is None
    assert site.get("static/dir/secret.txt") is None
    assert site.get("static/pipe.css") is None  # refused, not opened: no hang
    assert site.get("static/style.css") is None  # not the theme's file in place of the link
    assert site.get("static/own.txt").body == b"own\n"

    problems, pages = site.reload()
    assert pages == 0
    refused = {(p.code, Path(p.position.path).name) for p in problems.errors}
    assert {("theme_symlink", "leak.txt"), ("theme_symlink", "dir"),
            ("theme_special_file", "pipe.css")} <= refused
    assert site.get("static/own.txt") is None  # nothing is served from sources with errors


@posix_only
def test_serve_refuses_a_template_made_a_symlink_after_the_reload(tmp_path):
    content = _theme(tmp_path)
    site = LiveSite(content, BASE_URL)
    assert not site.reload()[0].errors
    _link_out(tmp_path, content, "templates", "contact.html")
    with pytest.raises(TemplateFault) as raised:
        site.get("kontakt/")
    assert raised.value.problem.code == "theme_symlink"
    problems, pages = site.reload()
    assert pages == 0 and [p.code for p in problems.errors] == ["theme_symlink"]


def test_the_faster_attribute_lookup_answers_as_the_sandbox_does():
    """engine._Environment.getattr skips the sandbox's checks where they cannot refuse; for any
    object and name it gives what the sandbox's own getattr gives (or refuses as it does)."""
    from jinja2 import Undefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from generator.render.engine import TRACKER, make_environment

    content = load_content(FICTIONAL, Problems())
    env = make_environment([DEFAULT_THEME])
    promise = content.promises[0]

    class Sneaky:  # a plain class holding a str's format method
        fmt = "{0.__class__}".format

    objects = [promise, promise.title, promise.focus_areas, content, content.site, TRACKER,
               Sneaky(), "text", {"a": 1}, [1], {1}, Problems, load_content, promise.title.get,
               (x for x in ()), Path("x")]
    names = ["id", "title", "get", "append", "add", "update", "format", "fmt", "mro",
             "__class__", "__init__", "_items", "gi_frame", "__globals__", "rows", "unlink",
             "missing"]
    for obj in objects:
        for name in names:
            ours = env.getattr(obj, name)
            theirs = ImmutableSandboxedEnvironment.getattr(env, obj, name)
            if isinstance(theirs, Undefined):
                assert isinstance(ours, Undefined), (obj, name)
                assert type(ours) is type(theirs) and ours._undefined_exception is \
                    theirs._undefined_exception, (obj, name)
            elif name in ("format", "fmt"):  # wrapped by the sandbox: a new object each time
                assert type(ours) is type(theirs), (obj, name)
            else:
                assert ours == theirs, (obj, name)


def test_the_faster_call_answers_as_the_sandbox_does():
    """engine._Environment.call skips the sandbox's checks for plain functions and methods
    only: what it marks unsafe is refused, a string's format is still wrapped."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, unsafe
    from markupsafe import Markup

    from generator.render.engine import make_environment

    env = make_environment([DEFAULT_THEME])
    context = env.context_class(env, {}, "test", {})

    def plain(value="{0}"):
        return f"plain {value}"

    @unsafe
    def marked(value="{0}"):
        return f"marked {value}"

    def alters(value="{0}"):
        return f"alters {value}"
    alters.alters_data = True  # type: ignore[attr-defined]

    class Holder:
        def shown(self, value="{0}"):
            return f"shown {value}"

        @unsafe
        def hidden(self, value="{0}"):
            return f"hidden {value}"

        def format(self, value="{0}"):
            return f"own format {value}"

    holder = Holder()
    secret = Holder()  # what a format string must not reach through its argument
    callables = [plain, marked, alters, holder.shown, holder.hidden, holder.format,
                 "{0.__class__}".format, Markup("{0.__class__}").format, "{0.shown}".format]
    for function in callables:
        outcomes = []
        for call in (env.call, lambda *args: ImmutableSandboxedEnvironment.call(env, *args)):
            try:
                outcomes.append(("ok", str(call(context, function, secret))))
            except SecurityError as error:
                outcomes.append(("refused", str(error)))
        assert outcomes[0] == outcomes[1], function
    assert env.call(context, plain, 1) == "plain 1"
    with pytest.raises(SecurityError):
        env.call(context, marked, 1)
    with pytest.raises(SecurityError):  # a string's format is wrapped when looked up
        env.from_string('{{ "{0.__class__}".format(1) }}').render()
