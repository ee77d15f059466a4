"""A worker process: takes message jobs from the queue and runs them, one at a time.

procrastinate's worker (fetching jobs, LISTEN/NOTIFY wake-ups, heartbeats) runs on an event
loop in a thread of its own; each job hands its message to the main thread and waits, so
the message runs where ``[processing] message_timeout_s`` (a ``SIGALRM`` timer) works. The
same loop hands on the running jobs of workers silent for ``[queue] stalled_after_s``.

The first SIGTERM or SIGINT stops taking jobs and finishes the current message; a second
one exits at once. Either way the message's bookkeeping leaves nothing to redo.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import threading
from concurrent.futures import Future

import procrastinate
from procrastinate.exceptions import ConnectorException
from procrastinate.worker import Worker

from agent.config import QueueConfig
from agent.errors import MailAgentError
from agent.pipeline import Pipeline
from agent.queue.jobs import QUEUE, TASK, queue_app
from agent.queue.step import MessageStep
from agent.stopping import stop_on_signals
from storage import queries
from storage.locks import FolderLock, folder_lock, whoami

logger = logging.getLogger(__name__)

STARTER_LOCK = "\\Starter"
"""The lock name under which one process at a time learns the starter examples."""

Request = tuple[int, "Future[str]"]


def learn_starter_once(pipeline: Pipeline) -> None:
    """Learn the starter examples if due, one process at a time (the others wait)."""
    lock: FolderLock = folder_lock(pipeline.db, STARTER_LOCK, "")
    lock.take(True, threading.Event(), lambda holder: logger.info("%s learns them", holder))
    try:
        pipeline.classifying.examples.learn_starter()
    finally:
        lock.release()


class QueueWorker:
    """One worker: procrastinate's loop in a thread, the messages on the main thread."""

    def __init__(
        self, pipeline: Pipeline, settings: QueueConfig, parent: int | None = None
    ) -> None:
        """``parent``: the process that started this worker; the worker stops when it ends."""
        self.pipeline = pipeline
        self.parent = parent
        self.settings = settings
        self.step = MessageStep(pipeline)
        self.requests: queue.Queue[Request] = queue.Queue()
        self.done = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = threading.Event()
        self.failure: Exception | None = None

    def run(self) -> None:
        """Work jobs until stopped by a signal, or until the queue's loop ends."""
        stop_on_signals(self.request_stop)
        serving = threading.Thread(target=self._serve_forever, name="job queue", daemon=True)
        serving.start()
        while not (self.done.is_set() and self.requests.empty()):
            if self.parent is not None and os.getppid() != self.parent:
                self.parent = None
                logger.warning("the process that started this worker ended: stopping")
                self.request_stop()
            try:
                message_id, future = self.requests.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                future.set_result(self.step.run(message_id))
            except BaseException as error:
                future.set_exception(error)
        serving.join()
        if self.failure is not None:
            raise MailAgentError(f"the job queue stopped: {self.failure}") from self.failure

    def request_stop(self) -> None:
        """Take no more jobs; the current message is finished."""
        self._stopping.set()
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def _serve_forever(self) -> None:
        try:
            asyncio.run(self._serve())
        except Exception as error:
            self.failure = error
        finally:
            self.done.set()

    async def _serve(self) -> None:
        """Run procrastinate's worker and the hand-on of stalled jobs until stopped."""
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        if self._stopping.is_set():
            return
        app = queue_app(self.pipeline.db, pool_size=3)
        app.task(name=TASK, queue=QUEUE, pass_context=True)(self._job)
        async with app.open_async():
            worker = Worker(
                app,
                queues=[QUEUE],
                name=f"worker {os.getpid()}",
                concurrency=1,
                delete_jobs="successful",
                install_signal_handlers=False,
                update_heartbeat_interval=self.settings.heartbeat_s,
                stalled_worker_timeout=self.settings.stalled_after_s,
            )
            working = asyncio.create_task(worker.run())
            side = asyncio.create_task(self._announce_and_recover(app, worker))
            stopped = asyncio.create_task(self._stop.wait())
            await asyncio.wait({working, stopped}, return_when=asyncio.FIRST_COMPLETED)
            worker.stop()
            side.cancel()
            await working

    async def _job(self, context: procrastinate.JobContext, message_id: int) -> str:
        """A job: its message runs on the main thread; the outcome is the job's result."""
        future: Future[str] = Future()
        self.requests.put((message_id, future))
        return await asyncio.wrap_future(future)

    async def _announce_and_recover(self, app: procrastinate.App, worker: Worker) -> None:
        """Record who this worker is, then every heartbeat hand on stalled workers' jobs."""
        while worker.worker_id is None:
            await asyncio.sleep(0.05)
        await asyncio.to_thread(self._announce, worker.worker_id)
        while True:
            try:
                await self._hand_on_stalled(app)
            except ConnectorException as error:
                logger.warning("could not look for stalled jobs (trying again): %s", error)
            await asyncio.sleep(self.settings.heartbeat_s)

    async def _hand_on_stalled(self, app: procrastinate.App) -> None:
        """Put the running jobs of workers silent for ``stalled_after_s`` back in the queue."""
        stalled = await app.job_manager.get_stalled_jobs(
            queue=QUEUE, seconds_since_heartbeat=self.settings.stalled_after_s
        )
        for job in stalled:
            logger.warning(
                "job %s (message %s) was running on a worker silent for %g s: handing it on",
                job.id,
                job.task_kwargs.get("message_id"),
                self.settings.stalled_after_s,
            )
            with contextlib.suppress(ConnectorException):  # another worker was first
                await app.job_manager.retry_job(job)

    def _announce(self, worker_id: int) -> None:
        """The audit log names the process behind queue worker ``worker_id``."""
        with self.pipeline.db.session() as session:
            queries.add_event(session, "queue_worker", worker=worker_id, process=whoami())
        logger.info("queue worker %d is %s", worker_id, whoami())
