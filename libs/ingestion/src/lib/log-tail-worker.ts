// Worker thread entry of LogTailThread: follows the event log and passes on to the main thread
// the messages this process did not write itself.
import { parentPort, workerData } from 'node:worker_threads';
import { createKafka, startLogTail, type KafkaLog } from '@plumbline/kafka';
import type { LogTailCall, LogTailNews, LogTailWorkerData } from './log-tail-thread';
import { OwnWrites, type TailMessage } from './own-writes';

const { kafka, topic, groupPrefix, ownWindow } = workerData as LogTailWorkerData;
const tell = (news: LogTailNews) => parentPort!.postMessage(news);
const passOn = (messages: TailMessage[]) => messages.length > 0 && tell({ messages });
// A log line's details may hold what cannot cross threads (a socket, say): then the line goes without them.
const log: KafkaLog = (level, message, extra) => {
  try {
    tell({ log: [level, message, extra] });
  } catch {
    tell({ log: [level, message, {}] });
  }
};
const own = new OwnWrites(ownWindow);

const tail = startLogTail(
  createKafka(kafka, 'plumbline-ingest-view', log),
  topic,
  (batch) => {
    const others: TailMessage[] = [];
    for (const m of batch) {
      const message = { eventId: m.headers?.eventId?.toString(), value: m.value?.toString('utf8') ?? null };
      if (!own.isOwn(message)) others.push(message);
    }
    passOn(others);
  },
  groupPrefix,
);
tail.then((t) => t.caughtUp).then(
  () => tell({ caughtUp: true }),
  (error: Error) => tell({ failed: error.message }),
);

parentPort!.on('message', (call: LogTailCall) => {
  if ('writing' in call) own.begin(call.writing);
  else if ('written' in call) passOn(own.end(call.written, call.acknowledged));
  else void tail.then((t) => t.stop()).finally(() => tell({ stopped: true }));
});
