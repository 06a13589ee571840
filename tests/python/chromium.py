"""Drive headless Chromium over the DevTools protocol with the standard library only.

Used by the tests to open the report as a person would: load it, check every image decoded
(``naturalWidth > 0``), collect console errors and uncaught exceptions, and take a screenshot.
The WebSocket client is minimal (RFC 6455 text frames, masking, fragmentation, ping) and talks
only to 127.0.0.1.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("HOMECARE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]


class ChromiumError(RuntimeError):
    """The browser could not be started or stopped answering."""


class _WebSocket:
    """A blocking WebSocket client for one ws://127.0.0.1 URL."""

    def __init__(self, url: str, timeout: float):
        assert url.startswith("ws://")
        hostport, _, path = url[5:].partition("/")
        host, _, port = hostport.partition(":")
        if host not in ("127.0.0.1", "localhost"):
            raise ChromiumError(f"refusing to connect to {host}")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ChromiumError("WebSocket handshake closed")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise ChromiumError(f"WebSocket handshake failed: {status!r}")
        self.buffer = head.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ChromiumError("WebSocket closed by the browser")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text: str) -> None:
        self._send_frame(0x1, text.encode())

    def recv(self) -> str:
        """The next complete text message (pings answered, fragments joined)."""
        parts = []
        while True:
            b0, b1 = self._read(2)
            opcode, fin = b0 & 0x0F, b0 & 0x80
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ChromiumError("WebSocket closed by the browser")
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if fin:
                    return b"".join(parts).decode("utf-8", errors="replace")

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class Browser:
    """One headless Chromium with one page, driven over DevTools. Use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 1600, timeout: float = 60.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="homecare-chromium-")
        self.events: list[dict] = []
        self._id = 0
        if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
            raise ChromiumError(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' "
                                "package or set HOMECARE_CHROMIUM")
        cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
               "--remote-allow-origins=*", f"--window-size={width},{height}", "about:blank"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            port = self._wait_port()
            self.ws = _WebSocket(self._page_ws(port), timeout)
            for method in ("Page.enable", "Runtime.enable", "Log.enable"):
                self.call(method)
        except Exception:
            self.close()
            raise

    def _wait_port(self) -> int:
        active = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")[-2000:]
                raise ChromiumError(f"Chromium exited with {self.proc.returncode}: {err}")
            if active.exists():
                lines = active.read_text().split()
                if lines:
                    return int(lines[0])
            time.sleep(0.1)
        raise ChromiumError("Chromium did not open its DevTools port in time")

    def _page_ws(self, port: int) -> str:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                    targets = json.load(r)
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.1)
        raise ChromiumError("no page target in Chromium")

    def call(self, method: str, **params) -> dict:
        """Send a DevTools command and return its result; events meanwhile are kept."""
        self._id += 1
        my_id = self._id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise ChromiumError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)
        raise ChromiumError(f"{method}: no answer in {self.timeout} s")

    def wait_event(self, method: str) -> dict:
        """Wait until an event named ``method`` arrives (or was already seen)."""
        for e in self.events:
            if e["method"] == method:
                return e
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    return msg
        raise ChromiumError(f"no {method} event in {self.timeout} s")

    def open(self, path: str | Path) -> None:
        """Navigate to a local file and wait for its load event."""
        self.events.clear()
        self.call("Page.navigate", url=Path(path).resolve().as_uri())
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str):
        """Evaluate JavaScript in the page and return its value (JSON-serialisable)."""
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise ChromiumError(f"script failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def images(self) -> list[dict]:
        """Every <img> on the page: whether it finished loading and its natural size."""
        return self.evaluate(
            "Array.from(document.images).map(i => ({alt: i.alt, complete: i.complete, "
            "naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight}))")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen since ``open``."""
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console: " + json.dumps(p.get("args", []))[:500])
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log: " + p["entry"].get("text", "")[:500])
        return out

    def screenshot(self, path: str | Path, full_page: bool = False, y: float = 0,
                   height: float | None = None) -> Path:
        """Save a PNG of the viewport, of a band starting at ``y``, or of the whole page."""
        params: dict = {"format": "png"}
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        view = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
        if full_page or height is not None or y:
            h = size["height"] - y if full_page else (height or view["clientHeight"])
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": y, "width": view["clientWidth"], "height": h,
                                "scale": 1})
        data = self.call("Page.captureScreenshot", **params)["data"]
        path = Path(path)
        path.write_bytes(base64.b64decode(data))
        return path

    def page_height(self) -> float:
        metrics = self.call("Page.getLayoutMetrics")
        return (metrics.get("cssContentSize") or metrics["contentSize"])["height"]

    def close(self) -> None:
        """Close the browser this object started and remove its profile."""
        try:
            if getattr(self, "ws", None):
                try:
                    self.call("Browser.close")
                except (ChromiumError, OSError):
                    pass
                self.ws.close()
        finally:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
