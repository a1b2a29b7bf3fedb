// Worker thread entry of LogTailThread: follows the event log and passes on to the main thread
// the messages this process did not write itself.
import { parentPort, workerData } from 'node:worker_threads';
import { batchStartOf, createKafka, logToMainThread, startLogTail } from '@plumbline/kafka';
import type { KafkaMessage } from 'kafkajs';
import type { LogTailCall, LogTailNews, LogTailWorkerData } from './log-tail-thread';
import { OwnWrites, type ReadBatch, type TailMessage } from './own-writes';

const { kafka, topic, groupPrefix, ownWindow, writesBegun } = workerData as LogTailWorkerData;
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
const begun = new Int32Array(writesBegun);
const own = new OwnWrites(ownWindow, () => Atomics.load(begun, 0));

/** A message's eventId and text: decoded only if it is passed on (almost all are own writes). */
const decode = (m: KafkaMessage): TailMessage => ({ eventId: m.headers?.eventId?.toString(), value: m.value?.toString('utf8') ?? null });

/** One partition's fetch by the record batch each message came in (a message without one is a batch of its own). */
function recordBatches(messages: KafkaMessage[], partition: number): ReadBatch[] {
  const batches: ReadBatch[] = [];
  for (let start = 0, end = 1; start < messages.length; end++) {
    const firstOffset = batchStartOf(messages[start]);
    if (end < messages.length && firstOffset !== undefined && batchStartOf(messages[end]) === firstOffset) continue;
    const batch = messages.slice(start, end);
    batches.push({ partition, firstOffset, messages: () => batch.map(decode) });
    start = end;
  }
  return batches;
}

const tail = startLogTail(
  createKafka(kafka, 'plumbline-ingest-view', logToMainThread(tell)),
  topic,
  (messages, partition) => {
    // A batch set aside keeps its fetch's bytes until the writes in flight end: a few hundred
    // ms, at most the publish timeout.
    const others: TailMessage[] = [];
    for (const batch of recordBatches(messages, partition)) others.push(...own.read(batch));
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
  } else if ('written' in call) void passOn(own.end(call.written, call.batches));
  else void tail.then((t) => t.stop()).finally(() => tell({ stopped: true }));
});
