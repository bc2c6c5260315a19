"""Load generator for tests/test_store_crash.py: writes questions until it is killed.

    python tests/store_writer_proc.py DB_PATH WORKERS

Each of WORKERS concurrent tasks records a question and, once record_question has returned
(the row is committed), prints its answer_id on its own line and flushes. A line on stdout
is therefore a promise that the row is in the database; the test SIGKILLs this process and
checks the promises. Not a test module itself (no test_ prefix).
"""

from __future__ import annotations

import asyncio
import sys
import time

from bot.store.database import QuestionRecord, Store, new_answer_id


async def worker(store: Store, worker_id: int) -> None:
    n = 0
    while True:
        n += 1
        rec = QuestionRecord(
            answer_id=new_answer_id(),
            chat_id=worker_id,
            user_id=worker_id,
            question=f"سؤال رقم {n} من العامل {worker_id} " + "نص " * (n % 50),
            kind=("answer", "not_found", "summary")[n % 3],
            quotes=[{"text": "اقتباس " * (n % 20), "paragraph": n % 7}],
            top_score=float(n % 11),
            latency_ms=1.0,
            asked_at=time.time(),
        )
        await store.record_question(rec)
        if n % 5 == 0:  # votes and rate checks too, so the kill can land in any kind of write
            await store.record_feedback(rec.answer_id, worker_id + 1000, 1 if n % 2 else -1)
            await store.allow(worker_id)
        sys.stdout.write(rec.answer_id + "\n")
        sys.stdout.flush()


async def main(path: str, workers: int) -> None:
    store = await Store.open(path, rate_limit_per_hour=10)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    await asyncio.gather(*(worker(store, i) for i in range(workers)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
