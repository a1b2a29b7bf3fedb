/** Injection tokens of the projections module. */
export const CLICKHOUSE = Symbol('CLICKHOUSE');
export const PROJECTIONS_KAFKA = Symbol('PROJECTIONS_KAFKA');
export const PROJECTIONS_CONFIG = Symbol('PROJECTIONS_CONFIG');
