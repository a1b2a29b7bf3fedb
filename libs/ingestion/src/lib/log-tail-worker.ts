// Worker thread entry of LogTailThread: follows the event log and passes on to the main thread
// the messages this process did not write itself.
import { parentPort, workerData } from 'node:worker_threads';
import { createKafka, logToMainThread, startLogTail } from '@plumbline/kafka';
import type { LogTailCall, LogTailNews, LogTailWorkerData } from './log-tail-thread';
import { OwnWrites, type TailMessage } from './own-writes';

const { kafka, topic, groupPrefix, ownWindow } = workerData as LogTailWorkerData;
const tell = (news: LogTailNews) => parentPort!.postMessage(news);
/** Batches passed on and not yet read by the main thread, by number. */
const unread = new Map<number, () => void>();
let batches = 0;
/**
 * Passes messages on; settles once the main thread has read them. The tail waits for that before
 * it fetches on: reading the log at start, it decodes faster than the main thread parses, and
 * the batches waiting would pile up in memory (~600 bytes an event, at 1M events most of a GiB).
 */
const passOn = (messages: TailMessage[]) => {
  if (messages.length === 0) return Promise.resolve();
  const batch = ++batches;
  tell({ messages, batch });
  return new Promise<void>((resolve) => unread.set(batch, resolve));
};
const own = new OwnWrites(ownWindow);

const tail = startLogTail(
  createKafka(kafka, 'plumbline-ingest-view', logToMainThread(tell)),
  topic,
  (batch) => {
    const others: TailMessage[] = [];
    for (const m of batch) {
      const eventId = m.headers?.eventId?.toString();
      // Decoded only if passed on (see OwnWrites.isOwn). One set aside keeps its fetch's bytes
      // until its write ends: a few hundred ms, at most the publish timeout.
      const message = () => ({ eventId, value: m.value?.toString('utf8') ?? null });
      if (!own.isOwn(eventId, message)) others.push(message());
    }
    return passOn(others);
  },
  groupPrefix,
);
tail.then((t) => t.caughtUp).then(
  () => tell({ caughtUp: true }),
  (error: Error) => tell({ failed: error.message }),
);

parentPort!.on('message', (call: LogTailCall) => {
  if ('read' in call) {
    unread.get(call.read)?.();
    unread.delete(call.read);
  } else if ('writing' in call) own.begin(call.writing);
  else if ('written' in call) void passOn(own.end(call.written, call.acknowledged));
  else void tail.then((t) => t.stop()).finally(() => tell({ stopped: true }));
});
