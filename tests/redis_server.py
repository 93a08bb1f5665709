"""A real Redis server on 127.0.0.1 for the distributed-mode tests."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .crawl import free_port

REDIS_SERVER = shutil.which("redis-server")



class RedisServer:
    """`redis-server` on a free port, without persistence, stopped by close()."""

    def __init__(self, folder: Path) -> None:
        if not REDIS_SERVER:
            pytest.skip("no redis-server binary (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        self.client = redis.Redis.from_url(self.url, decode_responses=True)
        for _ in range(100):
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
