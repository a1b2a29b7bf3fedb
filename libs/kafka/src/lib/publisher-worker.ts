// Worker thread entry of PublisherThread: runs an EventPublisher and answers the main thread's
// calls, sending kafkajs's log lines back to be logged there.
import { parentPort, workerData } from 'node:worker_threads';
import { EventPublisher } from './event-publisher';
import { createKafka, logToMainThread } from './kafka-client';
import type { PublisherAnswer, PublisherCall, PublisherWorkerData } from './publisher-thread';

const { kafka, clientId, options } = workerData as PublisherWorkerData;
const answer = (message: PublisherAnswer) => parentPort!.postMessage(message);
const publisher = new EventPublisher(createKafka(kafka, clientId, logToMainThread(answer)), options);

parentPort!.on('message', async (call: PublisherCall) => {
  try {
    const batches = call.call === 'publish' ? await publisher.publish(call.messages ?? []) : (await publisher[call.call](), []);
    answer({ id: call.id, batches, acknowledged: [...publisher.acknowledgedEnds()] });
  } catch (error) {
    const { name, message } = error as Error;
    answer({ id: call.id, error: { name, message } });
  }
});
