"""Where each key and array element of a TOML text stands: a key path -> line index.

``tomllib`` parses TOML but forgets positions. This scanner walks the same text (already
known to be valid TOML) and notes the line of every table header, key and array element
under its path, e.g. ``("scenes", 3, "shoot_min")``, so an error about a value can name
its line. A path not in the index falls back to its longest known prefix.
"""

from __future__ import annotations

_BARE_KEY_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_VALUE_ENDS = set(",]}\n#")


class TomlIndex:
    """The line of every table, key and array element of a TOML text, by path."""

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        _Scanner(text, self.lines).run()

    def line_of(self, path) -> int | None:
        """Return the line of ``path``, or of its longest prefix that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


class _Scanner:
    """A structural reader of valid TOML: strings, comments, arrays, inline tables, headers."""

    def __init__(self, text: str, lines: dict):
        self.text = text.replace("\r\n", "\n")
        self.pos = 0
        self.line = 1
        self.lines = lines
        self.table_counts: dict[tuple, int] = {}

    # -- characters --------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.peek() == "\n":
                self.line += 1
            self.pos += 1

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces, tabs, comments and (when allowed) newlines."""
        while self.pos < len(self.text):
            char = self.peek()
            if char in " \t" or (newlines and char == "\n"):
                self.advance()
            elif char == "#":
                while self.peek() not in ("\n", ""):
                    self.advance()
            else:
                return

    def note(self, path: tuple) -> None:
        self.lines.setdefault(path, self.line)

    # -- document ----------------------------------------------------------------------
    def run(self) -> None:
        table: tuple = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)

    def header(self) -> tuple:
        """Read ``[a.b]`` or ``[[a.b]]`` and return the path it opens."""
        array = self.peek(1) == "["
        self.advance(2 if array else 1)
        keys = self.key()
        self.advance(2 if array else 1)
        path = self.resolve(keys)
        if array:
            index = self.table_counts.get(path, 0)
            self.table_counts[path] = index + 1
            self.note(path)
            path = path + (index,)
        self.note(path)
        return path

    def resolve(self, keys: tuple) -> tuple:
        """Return a header's path with the latest index of each array of tables in it."""
        path: tuple = ()
        for depth, key in enumerate(keys, start=1):
            path = path + (key,)
            if path in self.table_counts and depth < len(keys):
                path = path + (self.table_counts[path] - 1,)
        return path

    def key_value(self, table: tuple) -> None:
        keys = self.key()
        for depth in range(1, len(keys) + 1):
            self.note(table + keys[:depth])
        self.skip_blank(newlines=False)
        self.advance()  # '='
        self.skip_blank(newlines=False)
        self.value(table + keys)

    def key(self) -> tuple:
        """Read a dotted key of bare and quoted parts."""
        parts = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.pos
                while self.peek() in _BARE_KEY_CHARS and self.peek():
                    self.advance()
                parts.append(self.text[start:self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    # -- values ------------------------------------------------------------------------
    def value(self, path: tuple) -> None:
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            while self.peek() and self.peek() not in _VALUE_ENDS:
                self.advance()

    def array(self, path: tuple) -> None:
        self.advance()
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() in ("]", ""):
                self.advance()
                return
            self.note(path + (index,))
            self.value(path + (index,))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()

    def inline_table(self, path: tuple) -> None:
        self.advance()
        while True:
            self.skip_blank(newlines=True)
            if self.peek() in ("}", ""):
                self.advance()
                return
            self.key_value(path)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()

    def string(self) -> str:
        """Read a basic, literal or multi-line string; return its raw body."""
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            self.advance(3)
            start = self.pos
            end = self._multiline_end(quote)
            body = self.text[start:end]
            self.advance(end - self.pos + 3)
            # A multi-line string may end with up to two more quotes than its delimiter.
            while self.peek() == quote:
                self.advance()
            return body
        self.advance()
        start = self.pos
        while self.peek() not in (quote, "\n", ""):
            if quote == '"' and self.peek() == "\\":
                self.advance()
            self.advance()
        body = self.text[start:self.pos]
        self.advance()
        return body

    def _multiline_end(self, quote: str) -> int:
        index = self.pos
        while index < len(self.text):
            if quote == '"' and self.text[index] == "\\":
                index += 2
                continue
            if self.text.startswith(quote * 3, index):
                return index
            index += 1
        return len(self.text)
