"""A Redis lock store whose tickets are taken and given back atomically.

Rasa serialises each conversation with a ticket lock. Its `RedisLockStore`
reads the lock, changes it in Python and writes it back, so two replicas can
read the same lock and hand out the same ticket (RasaHQ/rasa#9213): two
messages of one conversation are then processed at once. Here every change
is one Lua script, which Redis runs without interleaving: the ticket number
comes from INCR, expiry is judged by Redis's clock, and the lock goes only
when its last ticket does.

Keys per conversation: `<prefix><id>:next` (the last ticket number issued)
and `<prefix><id>:tickets` (a hash: ticket number → expiry, Redis time).
"""

from __future__ import annotations

import time
from collections import deque

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import DEFAULT_SOCKET_TIMEOUT_IN_SECONDS, LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

# Shared by the scripts: drop expired tickets, using Redis's own clock.
_PURGE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  if tonumber(all[i + 1]) < now then redis.call('HDEL', KEYS[2], all[i]) end
end
"""
_ISSUE = (
    _PURGE
    + """
local number = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], number, tostring(now + tonumber(ARGV[1])))
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return number
"""
)
# Remaining lifetimes, not Redis times, so the replica's own clock never matters.
_TICKETS = (
    _PURGE
    + """
local out = {}
local left = redis.call('HGETALL', KEYS[2])
for i = 1, #left, 2 do
  out[#out + 1] = left[i]
  out[#out + 1] = tostring(tonumber(left[i + 1]) - now)
end
return out
"""
)
_FINISH = (
    _PURGE
    + """
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('HLEN', KEYS[2]) == 0 then redis.call('DEL', KEYS[1], KEYS[2]) end
return 1
"""
)


class AtomicRedisLockStore(LockStore):
    """Configured in endpoints.yml as `lock_store: {type: bot.locks.AtomicRedisLockStore, url: redis://...}`."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        url: str | None = None,
        key_prefix: str = "woonwijzer:lock:",
    ) -> None:
        url = url or (endpoint_config.url if endpoint_config else None)
        if not url:
            raise ValueError("LOCK_STORE_URL is leeg: geef een Redis-URL (redis://host:poort/db)")
        self.red = redis.Redis.from_url(url, socket_timeout=DEFAULT_SOCKET_TIMEOUT_IN_SECONDS)
        self.key_prefix = key_prefix
        self._issue = self.red.register_script(_ISSUE)
        self._tickets = self.red.register_script(_TICKETS)
        self._finish = self.red.register_script(_FINISH)
        super().__init__()

    def _keys(self, conversation_id: str) -> list[str]:
        return [f"{self.key_prefix}{conversation_id}:next", f"{self.key_prefix}{conversation_id}:tickets"]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            # The keys outlive the longest ticket a little, so an abandoned lock cleans itself up.
            return int(self._issue(keys=self._keys(conversation_id), args=[lock_lifetime, int(lock_lifetime) + 60]))
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        flat = self._tickets(keys=self._keys(conversation_id))
        if not flat:
            return None
        now = time.time()
        tickets = sorted((int(flat[i]), now + float(flat[i + 1])) for i in range(0, len(flat), 2))
        return TicketLock(conversation_id, deque(Ticket(number, expires) for number, expires in tickets))

    def update_lock(self, conversation_id: str) -> None:
        self._tickets(keys=self._keys(conversation_id))  # purges expired tickets

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._finish(keys=self._keys(conversation_id), args=[ticket_number])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Removing the ticket and, when none is left, the lock is one step here.
        self.finish_serving(conversation_id, ticket_number)

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(*self._keys(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("tickets change only through the atomic scripts")

    def __repr__(self) -> str:
        return f"AtomicRedisLockStore({self.red.connection_pool!r})"
