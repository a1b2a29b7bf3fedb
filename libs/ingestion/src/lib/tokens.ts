/** Injection tokens of the ingestion module. */
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
export const KAFKA = Symbol('KAFKA');
/** The event log's LogPublisher. */
export const PUBLISHER = Symbol('PUBLISHER');
