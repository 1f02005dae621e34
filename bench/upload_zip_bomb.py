"""Peak memory and time of the server while a zip bomb with lying headers is posted to the plan import API.

The bomb is a .docx whose word/document.xml inflates to 1.1 GB of zeros (~1 MB packed) while its local and central
headers declare 1 000 bytes, so a reader that trusts the headers lets it through and one that inflates a member at
once (python-docx does) holds it all in memory. The script starts `manage.py runserver --noreload --nothreading`
(one process: what it takes is what one worker would take) from the code tree given by --repo, on a fresh SQLite
database, signs in through /api/v1/auth/token/, posts the file to /api/v1/plans/import/ (dry_run) and reads the
server's peak resident memory (VmHWM of /proc/<pid>/status) before and after.

    .venv/bin/python bench/upload_zip_bomb.py                   # this tree
    .venv/bin/python bench/upload_zip_bomb.py --repo /tmp/base  # another checkout, e.g. the commit before the gate

Not part of `make bench`: it builds a 1.1 GB stream and, on unprotected code, takes gigabytes of memory."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from tests.hostile_files import lying_zip_bomb  # noqa: E402


def vm(pid: int, key: str) -> int:
    """A memory figure of /proc/<pid>/status, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def multipart(fields: dict[str, str], name: str, content: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}), timeout=600) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=str(HERE), help="the code tree to run the server from")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--inflated-mb", type=int, default=1100, help="what word/document.xml inflates to")
    args = parser.parse_args()

    started = time.monotonic()
    bomb = lying_zip_bomb(args.inflated_mb * 1024 * 1024)
    print(f"bomb: {len(bomb) / 1e6:.2f} MB packed, {args.inflated_mb} MB inflated, headers say 1000 bytes "
          f"(built in {time.monotonic() - started:.1f} s)")  # fmt: skip

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_SUPERUSER_PASSWORD": "bench-password-1",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        run = dict(cwd=args.repo, env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], **run)
        subprocess.run(
            [python, "manage.py", "createsuperuser", "--noinput", "--username", "bench", "--email", "b@example.org"],
            **run,
        )
        server = subprocess.Popen(
            [python, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{args.port}"],
            cwd=args.repo,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(100):
                try:
                    request(f"{base}/healthz")
                    break
                except OSError:
                    time.sleep(0.3)
            status, body = request(
                f"{base}/api/v1/auth/token/",
                json.dumps({"username": "bench", "password": "bench-password-1"}).encode(),
                {"Content-Type": "application/json"},
            )
            token = json.loads(body)["token"]
            request(f"{base}/api/v1/plans/", headers={"Authorization": f"Token {token}"})  # warm the code paths
            before = vm(server.pid, "VmHWM")
            data, content_type = multipart({"dry_run": "true"}, "plan.docx", bomb)
            sent = time.monotonic()
            status, body = request(
                f"{base}/api/v1/plans/import/", data, {"Content-Type": content_type, "Authorization": f"Token {token}"}
            )
            elapsed = time.monotonic() - sent
            after = vm(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"server: {args.repo}")
    print(f"peak RSS before the upload: {before / 2**20:.0f} MiB")
    print(f"peak RSS after the upload:  {after / 2**20:.0f} MiB (+{(after - before) / 2**20:.0f} MiB)")
    print(f"answer: HTTP {status} in {elapsed:.2f} s: {body.decode(errors='replace')[:300]}")


if __name__ == "__main__":
    main()
