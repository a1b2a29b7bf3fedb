export { startTypeScriptWorker } from './lib/typescript-worker';
