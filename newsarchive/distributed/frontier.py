"""The shared frontier in Redis: a request queue no crash can empty.

scrapy-redis pops a request off the queue and forgets it: a crawler killed with
SIGKILL loses every request it had taken. Here a pop moves the request, in one
Lua script, into the worker's in-flight hash; the worker deletes it once the
response's items and requests are pushed (``done``), and keeps a heartbeat key
with a TTL alive. ``reap`` (run by every live worker and by ingest) gives the
in-flight requests of a worker whose heartbeat expired back to the queue, as
serialized requests: the seen sets are not consulted, so nothing is filtered
as already seen.

In-flight values are ``<score>|<serialized request>``, so the request goes back
with its priority.
"""

from __future__ import annotations

from redis import Redis

from newsarchive.distributed.keys import Keys

# KEYS: queue, seen set, inflight hash. ARGV: filter (0/1), fingerprint, score, data,
# finished in-flight id ('' if none). Returns 1 when queued, 0 when already seen.
# One script: a worker killed between "seen" and "queued" would lose the request.
_PUSH = """
local queued = 0
if ARGV[1] ~= '1' or redis.call('SADD', KEYS[2], ARGV[2]) == 1 then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  queued = 1
end
if ARGV[5] ~= '' then redis.call('HDEL', KEYS[3], ARGV[5]) end
return queued
"""

# KEYS: queue, inflight hash, sequence, heartbeat key. Returns {id, data} or false.
# A worker whose heartbeat expired takes nothing: the reaper may be giving its
# requests back, and the others must see every request it holds.
_POP = """
if redis.call('EXISTS', KEYS[4]) == 0 then return false end
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, top[2] .. '|' .. top[1])
return {tostring(id), top[1]}
"""

# KEYS: queue, inflight hash, heartbeat key, workers set. ARGV: worker id, force (0/1).
# Returns the number of requests given back, or -1 when the worker is alive.
_REQUEUE = """
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local values = redis.call('HVALS', KEYS[2])
for _, value in ipairs(values) do
  local bar = string.find(value, '|', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(value, 1, bar - 1)), string.sub(value, bar + 1))
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return #values
"""


class RedisFrontier:
    """One worker's handle on the shared frontier of a namespace."""

    def __init__(self, server: Redis, keys: Keys, worker: str = "") -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)

    # -- the worker's own requests -------------------------------------------------

    def push(
        self,
        data: bytes,
        score: float,
        finished: str | None = None,
        seen: tuple[str, str] | None = None,
    ) -> bool:
        """Queue a serialized request unless ``seen`` = (seen set, fingerprint) has it.

        With ``finished``, the in-flight request it replaces (a redirect or a retry
        of it) ends too. All in one script. Returns whether the request was queued.
        """
        seen_key, fingerprint = seen or (self.keys.seen_lists, "")
        keys = [self.keys.requests, seen_key, self.keys.inflight(self.worker)]
        args = ["1" if seen else "0", fingerprint, score, data, finished or ""]
        return bool(int(self._push(keys=keys, args=args)))

    def pop(self) -> tuple[str, bytes] | None:
        """Take the next request into this worker's in-flight hash: (in-flight id, data).

        None when the queue is empty, or when this worker's heartbeat expired (it
        takes requests again after its next heartbeat).
        """
        keys = [
            self.keys.requests,
            self.keys.inflight(self.worker),
            self.keys.inflight_seq,
            self.keys.alive(self.worker),
        ]
        found = self._pop(keys=keys)
        if not found:
            return None
        ident, data = found
        return (ident.decode() if isinstance(ident, bytes) else str(ident)), data

    def done(self, ident: str) -> None:
        """The request's items and requests are pushed: it is no longer in flight."""
        self.server.hdel(self.keys.inflight(self.worker), ident)

    def heartbeat(self, ttl: float) -> None:
        """Tell the others this worker is alive for ``ttl`` more seconds."""
        pipe = self.server.pipeline(transaction=True)
        pipe.sadd(self.keys.workers, self.worker)
        pipe.set(self.keys.alive(self.worker), "1", px=max(1, int(ttl * 1000)))
        pipe.execute()

    def leave(self) -> int:
        """Stop cleanly: give back what is still in flight and unregister."""
        given = self.requeue(self.worker, force=True)
        self.server.delete(self.keys.alive(self.worker))
        return given

    # -- everybody's --------------------------------------------------------------

    def requeue(self, worker: str, force: bool = False) -> int:
        """Give a dead worker's in-flight requests back (-1: it is alive after all)."""
        keys = [
            self.keys.requests,
            self.keys.inflight(worker),
            self.keys.alive(worker),
            self.keys.workers,
        ]
        return int(self._requeue(keys=keys, args=[worker, "1" if force else "0"]))

    def reap(self) -> int:
        """Requeue the in-flight requests of every worker whose heartbeat expired."""
        given = 0
        for member in self.server.smembers(self.keys.workers):
            worker = member.decode() if isinstance(member, bytes) else member
            if worker != self.worker:
                given += max(0, self.requeue(worker))
        return given

    def live_workers(self) -> int:
        return int(self.server.scard(self.keys.workers))

    def queued(self) -> int:
        return int(self.server.zcard(self.keys.requests))

    def in_flight(self) -> int:
        """Requests taken and not finished, over every registered worker."""
        total = 0
        for member in self.server.smembers(self.keys.workers):
            worker = member.decode() if isinstance(member, bytes) else member
            total += int(self.server.hlen(self.keys.inflight(worker)))
        return total

    def work_left(self) -> bool:
        """Is anything queued or being fetched anywhere (dead workers reaped first)?"""
        self.reap()
        return self.queued() > 0 or self.in_flight() > 0
