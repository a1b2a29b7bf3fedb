import type { Admin } from 'kafkajs';

export interface TopicNames {
  topic: string;
  dlqTopic: string;
  auditTopic: string;
}

/** Partitions of the event topic: the unit of projector parallelism (SPEC §1 scale-out path). */
export const EVENT_TOPIC_PARTITIONS = 6;

/** Kept forever: the event topic is the source of truth; dead letters and the audit trail are evidence. */
const keepForever = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

/**
 * Creates the event topic, its dead-letter topic and the audit topic if they are missing. Replication follows the
 * cluster's size (up to 3), so the same call works on the local single broker and in production.
 * Returns whether the event topic was created by this call.
 */
export async function bootstrapTopics(admin: Admin, { topic, dlqTopic, auditTopic }: TopicNames): Promise<boolean> {
  const existing = new Set(await admin.listTopics());
  const { brokers } = await admin.describeCluster();
  const replicationFactor = Math.min(3, brokers.length);
  const missing = [
    { topic, numPartitions: EVENT_TOPIC_PARTITIONS, replicationFactor, configEntries: keepForever },
    { topic: dlqTopic, numPartitions: 1, replicationFactor, configEntries: keepForever },
    { topic: auditTopic, numPartitions: 1, replicationFactor, configEntries: keepForever },
  ].filter((t) => !existing.has(t.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  return missing.some((t) => t.topic === topic);
}
