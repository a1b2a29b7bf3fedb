export * from './lib/query.module';
export * from './lib/calibration.service';
export * from './lib/filters';
export * from './lib/load-facts';
export * from './lib/report-runner';
