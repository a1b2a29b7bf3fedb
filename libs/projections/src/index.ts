export * from './lib/projections.module';
export * from './lib/project-batch';
export * from './lib/projection-store';
export * from './lib/projector';
export * from './lib/generations';
export * from './lib/projection-status';
export * from './lib/tokens';
export * from './lib/projection-checksum';
